package com.adreview.review;

import static com.adreview.review.ReviewApi.caseOf;
import static com.adreview.review.ReviewApi.pending;
import static com.adreview.testing.Api.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.testing.Api;
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
        Api.staff()
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(303)
                .header("Location", containsString("/console"));
        Api.staff()
                .get("/console")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .body(containsString("data-case=\"" + caseId + "\""))
                .body(containsString("PRESSURE_TACTICS"));
        Api.staff().queryParam("state", "NOPE").get("/console").then().statusCode(400);
    }

    @Test
    void theCasePageShowsTheEvidenceHighlightedInTheAdText() {
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));
        Api.staff()
                .get("/console/cases/{id}", caseId)
                .then()
                .statusCode(200)
                .body(containsString(
                        "<mark class=\"evidence\" data-field=\"creative.body\" title=\"PRESSURE_TACTICS\">名额有限</mark>"))
                .body(containsString("id=\"claim\""));
        Api.staff()
                .get("/console/cases/{id}", "0123456789abcdef01234567")
                .then()
                .statusCode(404);
    }

    @Test
    void formPostsActAsTheSignedInReviewerAndComeBackWithWhatHappened() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        // Not signed in: nothing happens.
        io.restassured.RestAssured.given()
                .redirects()
                .follow(false)
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(401);
        // An auditor may read the console but not act in it.
        Api.auditor().get("/console/cases/{id}", caseId).then().statusCode(200);
        Api.auditor().post("/console/cases/{id}/claim", caseId).then().statusCode(403);
        // A form posted from another site is refused, even with the reviewer's credentials.
        Api.as("li")
                .header("Origin", "https://evil.example")
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(403);
        Api.staff().get("/v1/reviews/{id}", caseId).then().body("state", equalTo("OPEN"));

        Api.as("li")
                .redirects()
                .follow(false)
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(303);
        Api.staff().get("/v1/reviews/{id}", caseId).then().body("claimedBy", equalTo("li"));
        Api.as("li").get("/console").then().body(containsString("id=\"reviewer-name\">li<"));

        // A decision without a reason is refused with the field named; with one, it is made.
        Api.as("li")
                .redirects()
                .follow(false)
                .formParam("outcome", "REJECT")
                .formParam("reason", "")
                .post("/console/cases/{id}/decision", caseId)
                .then()
                .statusCode(303)
                .header("Location", containsString("reason"));
        Api.as("li")
                .config(UTF8)
                .formParam("outcome", "REJECT")
                .formParam("reason", "制造紧迫感诱导出借")
                .formParam("dismiss", "pressure-tactics")
                .post("/console/cases/{id}/decision", caseId)
                .then()
                .statusCode(200)
                .body(containsString("id=\"resolution\""));
        Api.staff().get("/v1/submissions/{id}", submissionId).then().body("status", equalTo("REJECTED"));
    }

    @Test
    void everyErrorOfTheConsoleIsAPageNotJson() {
        Api.staff()
                .queryParam("state", "NOPE")
                .get("/console")
                .then()
                .statusCode(400)
                .contentType(startsWith("text/html"))
                .body(containsString("id=\"error\""))
                .body(containsString("<code>state</code>"));
        Api.staff()
                .get("/console/cases/{id}", "0123456789abcdef01234567")
                .then()
                .statusCode(404)
                .contentType(startsWith("text/html"))
                .body(containsString("未找到 Not found"))
                .body(containsString("id=\"back-to-queue\""));
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));
        Api.auditor()
                .post("/console/cases/{id}/claim", caseId)
                .then()
                .statusCode(403)
                .contentType(startsWith("text/html"))
                .body(containsString("无权操作 Not allowed"));
        io.restassured.RestAssured.given()
                .get("/console")
                .then()
                .statusCode(401)
                .contentType(startsWith("text/html"))
                .header("WWW-Authenticate", containsString("Basic"))
                .body(containsString("请登录 Sign in"));
        // Refused before the console's resource sees it (credentials that are not base64(user:password)):
        // a page too, with the text escaped.
        io.restassured.RestAssured.given()
                .header("Authorization", "Basic <not-base64>")
                .get("/console")
                .then()
                .statusCode(401)
                .contentType(startsWith("text/html"))
                .body(containsString("id=\"back-to-queue\""))
                .body(org.hamcrest.Matchers.not(containsString("<not-base64>")));
        io.restassured.RestAssured.given()
                .header("Authorization", "Basic <not-base64>")
                .get("/v1/reviews")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
        // The API keeps answering problems.
        Api.staff()
                .get("/v1/reviews/{id}", "0123456789abcdef01234567")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void anAuditorSeesTheQueueAndCasesWithoutTheReviewersActions() {
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));
        Api.as("li").get("/console").then().body(containsString("class=\"claim\""));
        Api.auditor()
                .get("/console")
                .then()
                .statusCode(200)
                .body(containsString("data-case=\"" + caseId + "\""))
                .body(org.hamcrest.Matchers.not(containsString("class=\"claim\"")));
        Api.auditor()
                .get("/console/cases/{id}", caseId)
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("id=\"claim\"")))
                .body(org.hamcrest.Matchers.not(containsString("id=\"decision-form\"")));
    }

    @Test
    void timesAreInTheConsolesZoneAndFormatOnly() {
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));
        Api.as("li").post("/console/cases/{id}/claim", caseId).then().statusCode(200);
        String page = Api.as("li")
                .get("/console/cases/{id}", caseId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(page)
                .contains("Asia/Shanghai")
                .contains("认领 Claimed")
                .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
    }

    @Test
    void signingOutMakesTheBrowserSignInAgain() {
        io.restassured.response.Response out = Api.as("li").post("/console/sign-out");
        out.then().statusCode(200).body(containsString("已退出 Signed out"));
        String marker = out.getCookie(ConsoleErrorPages.SIGNED_OUT);
        org.assertj.core.api.Assertions.assertThat(marker).isNotNull();
        // The browser still sends the cached credentials, with the marker: asked to sign in, marker cleared.
        Api.as("li")
                .cookie(ConsoleErrorPages.SIGNED_OUT, marker)
                .get("/console")
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .header("Set-Cookie", containsString("Max-Age=0"))
                .body(containsString("请重新登录 Sign in again"));
        // Signed in again (no marker): the queue.
        Api.as("li").get("/console").then().statusCode(200).body(containsString("id=\"reviewer-name\">li<"));
    }

    @Test
    void aConflictCaseShowsBothAccountsWithTheirAdsAndRecordsAndAsksWhetherTheyAreOneBusiness() {
        com.adreview.testing.TestPackages holder =
                com.adreview.testing.TestPackages.example("01-approved-p2p").asNewEntity();
        String holderAccount = holder.json().at("/advertiser/accountId").asText();
        String holderAd = holder.json().at("/adId").asText();
        String code = holder.json().at("/advertiser/creditCode").asText();
        submit(holder, "APPROVED");
        com.adreview.testing.TestPackages claimant = com.adreview.testing.TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("advertiser.creditCode", code);
        String claimantAccount = claimant.json().at("/advertiser/accountId").asText();
        String submissionId = submit(claimant, "PENDING_REVIEW");
        String caseId = caseOf(submissionId);

        Api.as("li").post("/console/cases/{id}/claim", caseId).then().statusCode(200);
        Api.as("li")
                .get("/console/cases/{id}", caseId)
                .then()
                .statusCode(200)
                .body(containsString("id=\"conflict\""))
                .body(containsString("<td>" + code + "</td><td>" + holderAccount + "</td>"))
                .body(containsString("data-account=\"" + claimantAccount + "\""))
                .body(containsString("data-account=\"" + holderAccount + "\""))
                .body(containsString("<span class=\"tag\">" + holderAd + "</span>"))
                .body(containsString("id=\"same-business\""));

        Api.as("li")
                .config(UTF8)
                .formParam("outcome", "APPROVE")
                .formParam("reason", "同一集团的子公司")
                .formParam("sameBusiness", "true")
                .post("/console/cases/{id}/decision", caseId)
                .then()
                .statusCode(200)
                .body(containsString("id=\"resolution\""));
        Api.staff().get("/v1/submissions/{id}", submissionId).then().body("status", equalTo("APPROVED"));
        Api.staff()
                .get("/v1/entities/{id}", claimantAccount)
                .then()
                .body("identifiers.accounts", org.hamcrest.Matchers.containsInAnyOrder(claimantAccount, holderAccount));
    }
}
