package com.adreview.suspension;

import com.adreview.testing.Api;
import java.time.Duration;
import java.time.Instant;

/** What the suspensions' API tests do through the API: submit, read a status, wait for a sweep to finish. */
final class SuspensionTests {

    private SuspensionTests() {}

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
