package com.adreview.review;

import static com.adreview.review.ReviewApi.caseOf;
import static com.adreview.review.ReviewApi.pending;
import static com.adreview.review.ReviewApi.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** The console's pages and form posts over HTTP, without a browser (the browser test drives them for real). */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ConsolePageTest {

    /** Forms encoded as a browser does from a UTF-8 page. */
    private static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultCharsetForContentType("UTF-8", ContentType.URLENC));

    @Test
    void theRootLeadsToTheQueueWhichListsOpenCasesWithTheirAge() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        given().redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console"));
        given().get("/console")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("data-case=\"" + caseId + "\""))
                .body(containsString("PRESSURE_TACTICS"));
        given().queryParam("state", "NOPE").get("/console").then().statusCode(400);
    }

    @Test
    void theCasePageShowsTheEvidenceHighlightedInTheAdText() {
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));
        given().get("/console/cases/{id}", caseId)
                .then()
                .statusCode(200)
                .body(containsString(
                        "<mark class=\"evidence\" data-field=\"creative.body\" title=\"PRESSURE_TACTICS\">名额有限</mark>"))
                .body(containsString("id=\"claim\""));
        given().get("/console/cases/{id}", "0123456789abcdef01234567").then().statusCode(404);
    }

    @Test
    void formPostsActAsTheReviewerNamedInTheCookieAndComeBackWithWhatHappened() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        // Without a name nothing happens, and the page says why.
        given().redirects()
                .follow(false)
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(303)
                .header("Location", containsString("notice="));
        given().get("/v1/reviews/{id}", caseId).then().body("state", equalTo("OPEN"));

        String cookie = given().config(UTF8)
                .redirects()
                .follow(false)
                .formParam("name", "李审核")
                .post("/console/reviewer")
                .then()
                .statusCode(303)
                .extract()
                .cookie(ConsoleResource.REVIEWER_COOKIE);
        given().redirects()
                .follow(false)
                .cookie(ConsoleResource.REVIEWER_COOKIE, cookie)
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(303);
        given().get("/v1/reviews/{id}", caseId).then().body("claimedBy", equalTo("李审核"));

        // A decision without a reason is refused with the field named; with one, it is made.
        given().redirects()
                .follow(false)
                .cookie(ConsoleResource.REVIEWER_COOKIE, cookie)
                .formParam("outcome", "REJECT")
                .formParam("reason", "")
                .post("/console/cases/{id}/decision", caseId)
                .then()
                .statusCode(303)
                .header("Location", containsString("reason"));
        given().config(UTF8)
                .cookie(ConsoleResource.REVIEWER_COOKIE, cookie)
                .formParam("outcome", "REJECT")
                .formParam("reason", "制造紧迫感诱导出借")
                .formParam("dismiss", "pressure-tactics")
                .post("/console/cases/{id}/decision", caseId)
                .then()
                .statusCode(200)
                .body(containsString("id=\"resolution\""));
        given().get("/v1/submissions/{id}", submissionId).then().body("status", equalTo("REJECTED"));
    }
}
