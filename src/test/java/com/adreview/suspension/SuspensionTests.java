package com.adreview.suspension;

import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.TestPackages;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;

/** What the suspensions' API tests do through the API: submit, read a status, wait for a sweep to finish. */
final class SuspensionTests {

    private SuspensionTests() {}

    /** Submits the package with the submitter's key; it must be stored with this status. */
    static String submit(TestPackages ad, String expectedStatus) {
        return Api.submitter()
                .basePath("")
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .body("status", equalTo(expectedStatus))
                .extract()
                .path("id");
    }

    static String status(String submission) {
        return Api.staff()
                .basePath("")
                .get("/v1/submissions/{id}", submission)
                .then()
                .extract()
                .path("status");
    }

    /** Waits until the suspension's sweep is DONE (at most 30 s). */
    static void awaitSweepDone(String suspension) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if ("DONE"
                    .equals(Api.staff()
                            .basePath("")
                            .get("/v1/suspensions/{id}", suspension)
                            .then()
                            .extract()
                            .path("sweep"))) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("sweep of " + suspension + " not done in time");
    }
}
