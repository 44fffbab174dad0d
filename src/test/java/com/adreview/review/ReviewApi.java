package com.adreview.review;

import com.adreview.testing.Api;
import com.adreview.testing.TestPackages;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The review API as tests call it. */
public final class ReviewApi {

    public static final String PRESSURE_BODY = "借款人信息、资金存管银行和逾期数据按月公开。名额有限，先到先得！";

    private ReviewApi() {}

    /** A P2P package of a fresh entity whose copy uses scarcity wording: PENDING_REVIEW on PRESSURE_TACTICS. */
    public static TestPackages pending() {
        return TestPackages.example("01-approved-p2p").asNewEntity().with("creative.body", PRESSURE_BODY);
    }

    /** The id of the one case open on the submission. */
    public static String caseOf(String submissionId) {
        return Api.staff()
                .queryParam("submissionId", submissionId)
                .queryParam("state", "OPEN")
                .get("/v1/reviews")
                .then()
                .statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1))
                .extract()
                .path("items[0].id");
    }

    public static ValidatableResponse claim(String caseId, String reviewer) {
        return Api.as(reviewer).post("/v1/reviews/{id}/claim", caseId).then();
    }

    public static ValidatableResponse release(String caseId, String reviewer) {
        return Api.as(reviewer).post("/v1/reviews/{id}/release", caseId).then();
    }

    public static ValidatableResponse decide(String caseId, String reviewer, String body) {
        return Api.as(reviewer)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/reviews/{id}/decision", caseId)
                .then();
    }

    public static ValidatableResponse submission(String id) {
        return Api.staff().get("/v1/submissions/{id}", id).then().statusCode(200);
    }
}
