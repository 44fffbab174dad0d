package com.adreview.review;

import static com.adreview.review.ReviewApi.claim;
import static com.adreview.review.ReviewApi.decide;
import static com.adreview.review.ReviewApi.submission;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.FeedReader;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/** Manual pulls and reinstatements by reviewers, and appeals by advertisers, through the API. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AppealAndAdActionTest {

    private static ValidatableResponse act(String adId, String action, String reviewer, String body) {
        var request = reviewer == null ? io.restassured.RestAssured.given() : Api.as(reviewer);
        return request.contentType(ContentType.JSON)
                .body(body)
                .post("/v1/ads/{adId}/" + action, adId)
                .then();
    }

    /** The advertiser appeals through the gateway of the submission's account. */
    private static ValidatableResponse appeal(String submissionId, String body) {
        String account = Api.staff()
                .get("/v1/submissions/{id}", submissionId)
                .then()
                .extract()
                .path("accountId");
        return Api.gateway(account == null ? "acct-appeals" : account)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/submissions/{id}/appeals", submissionId)
                .then();
    }

    @Test
    void aReviewerPullsALiveAdAndPutsItBackAndTheFeedHearsBoth() {
        long feedStart = FeedReader.end();
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String adId = "manual-" + ad.json().at("/advertiser/accountId").asText();
        ad.with("adId", adId);
        String id = submit(ad, "APPROVED");

        act(adId, "pull", "li", "{\"reason\":\"用户举报落地页仿冒支付宝\",\"topic\":\"BRAND_IMPERSONATION\"}")
                .statusCode(200)
                .body("status", equalTo("PULLED"));
        submission(id)
                .body("statusChanges[-1].cause", equalTo("MANUAL_PULL"))
                .body("statusChanges[-1].actor", equalTo("li"))
                .body("statusChanges[-1].reason", equalTo("用户举报落地页仿冒支付宝"))
                .body("statusChanges[-1].decision.findings[0].ruleId", equalTo("manual-pull"))
                .body("statusChanges[-1].decision.findings[0].topic", equalTo("BRAND_IMPERSONATION"));
        act(adId, "pull", "li", "{\"reason\":\"again\"}").statusCode(409).body("detail", containsString("PULLED"));

        act(adId, "reinstate", "wang", "{\"reason\":\"核实为正版页面\"}")
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        act(adId, "reinstate", "wang", "{\"reason\":\"again\"}").statusCode(409);

        assertThat(FeedReader.changesOf(id, feedStart))
                .extracting(c -> c.get("to") + "/" + c.get("cause"))
                .containsExactly("APPROVED/SUBMISSION", "PULLED/MANUAL_PULL", "APPROVED/REINSTATED");
    }

    @Test
    void aManualActionNeedsAReviewerAReasonAndAnAdThatExists() {
        String adId = TestPackages.example("01-approved-p2p").json().at("/adId").asText();
        act("no-such-ad-anywhere", "pull", "li", "{\"reason\":\"x\"}").statusCode(404);
        act(adId, "pull", null, "{\"reason\":\"x\"}").statusCode(401);
        act(adId, "pull", "auditor", "{\"reason\":\"x\"}").statusCode(403);
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String own = "reasonless-" + ad.json().at("/advertiser/accountId").asText();
        submit(ad.with("adId", own), "APPROVED");
        act(own, "pull", "li", "{\"reason\":\"\",\"topic\":\"NOPE\"}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("reason", "topic"));
        Api.staff().get("/v1/ads/{adId}", own).then().body("status", equalTo("APPROVED"));
    }

    @Test
    void anAppealOfARejectionBecomesACaseAndGrantingItMakesTheAdLive() {
        long feedStart = FeedReader.end();
        String id = submit(TestPackages.example("02-rejected-guarantee").asNewEntity(), "REJECTED");
        String ruleId = submission(id).extract().path("decision.findings.find { it.outcome == 'REJECT' }.ruleId");

        appeal(id, "{\"reason\":\"\",\"findings\":[]}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("reason", "findings"));
        appeal(id, "{\"reason\":\"x\",\"findings\":[\"" + ruleId + "\",\"no-such-rule\"]}")
                .statusCode(400)
                .body("errors.field", contains("findings[1]"));
        String caseId = appeal(
                        id,
                        "{\"reason\":\"“保本”指银行存管资金，并非收益承诺\",\"evidence\":\"存管协议编号 CG-2026-001\",\"findings\":[\""
                                + ruleId + "\"]}")
                .statusCode(201)
                .header("Location", containsString("/v1/reviews/"))
                .body("kind", equalTo("APPEAL"))
                .body("state", equalTo("OPEN"))
                .body("appeal.disputedFindings", contains(ruleId))
                .body("appeal.appealedStatus", equalTo("REJECTED"))
                .body("findings.ruleId", contains(ruleId))
                .body("topics", contains("GUARANTEED_RETURN"))
                .extract()
                .path("id");
        appeal(id, "{\"reason\":\"again\",\"findings\":[\"" + ruleId + "\"]}")
                .statusCode(409)
                .body("detail", containsString("already has an open appeal"));

        claim(caseId, "li").statusCode(200);
        decide(
                        caseId,
                        "li",
                        "{\"outcome\":\"APPROVE\",\"reason\":\"存管协议属实\",\"findings\":[{\"action\":\"DISMISS\",\"ruleId\":\""
                                + ruleId + "\"}]}")
                .statusCode(200)
                .body("resolution.submissionStatus", equalTo("APPROVED"))
                .body("resolution.dismissedFindings", contains(ruleId));
        submission(id).body("status", equalTo("APPROVED")).body("statusChanges[-1].cause", equalTo("APPEAL"));
        // The advertiser follows its appeal, but learns no reviewer's name: only their role.
        String account = submission(id).extract().path("accountId");
        Api.gateway(account)
                .get("/v1/reviews/{id}", caseId)
                .then()
                .statusCode(200)
                .body("resolution.reviewer", equalTo("reviewer"))
                .body("history.actor", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("li")))
                .body(org.hamcrest.Matchers.not(containsString("\"li\"")));
        assertThat(FeedReader.changesOf(id, feedStart))
                .extracting(c -> c.get("to") + "/" + c.get("cause"))
                .containsExactly("REJECTED/SUBMISSION", "APPROVED/APPEAL");

        appeal(id, "{\"reason\":\"x\",\"findings\":[\"" + ruleId + "\"]}")
                .statusCode(409)
                .body("detail", containsString("APPROVED"));
    }

    @Test
    void anAppealOfAManualPullThatIsDeniedLeavesTheAdPulled() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String adId = "appeal-pull-" + ad.json().at("/advertiser/accountId").asText();
        String id = submit(ad.with("adId", adId), "APPROVED");
        act(adId, "pull", "li", "{\"reason\":\"落地页诱导私聊\"}").statusCode(200);

        String caseId = appeal(id, "{\"reason\":\"已整改\",\"findings\":[\"manual-pull\"]}")
                .statusCode(201)
                .body("appeal.appealedStatus", equalTo("PULLED"))
                .extract()
                .path("id");
        claim(caseId, "wang").statusCode(200);
        decide(caseId, "wang", "{\"outcome\":\"REJECT\",\"reason\":\"整改后仍引导私聊\"}")
                .statusCode(200)
                .body("resolution.outcome", equalTo("REJECT"))
                .body("resolution.submissionStatus", equalTo("PULLED"));
        submission(id).body("status", equalTo("PULLED")).body("statusChanges.size()", equalTo(1));
    }

    @Test
    void onlyTheLatestRevisionOfAnAdCanBeAppealed() {
        TestPackages ad = TestPackages.example("02-rejected-guarantee").asNewEntity();
        String old = submit(ad, "REJECTED");
        submit(ad, "REJECTED");
        appeal(old, "{\"reason\":\"x\",\"findings\":[\"guaranteed-return\"]}")
                .statusCode(409)
                .body("detail", containsString("latest revision"));
        appeal("0123456789abcdef01234567", "{\"reason\":\"x\",\"findings\":[\"x\"]}")
                .statusCode(404);
    }
}
