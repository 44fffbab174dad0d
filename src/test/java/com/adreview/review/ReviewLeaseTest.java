package com.adreview.review;

import static com.adreview.review.ReviewApi.caseOf;
import static com.adreview.review.ReviewApi.claim;
import static com.adreview.review.ReviewApi.decide;
import static com.adreview.review.ReviewApi.pending;
import static com.adreview.testing.Api.submit;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.ShortClocksProfile;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Leases and SLAs run out in real time: very short ones here ({@link ShortClocksProfile}). */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(ShortClocksProfile.class)
class ReviewLeaseTest {

    @Test
    void aLapsedLeaseReturnsTheCaseToTheQueueAndItsHolderCanNoLongerDecide() throws InterruptedException {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        claim(caseId, "li").statusCode(200).body("state", equalTo("CLAIMED"));
        claim(caseId, "wang").statusCode(409);

        Thread.sleep(1_300);

        Api.staff()
                .get("/v1/reviews/{id}", caseId)
                .then()
                .body("state", equalTo("OPEN"))
                .body("overdue", equalTo(true));
        Api.staff()
                .queryParam("state", "OPEN")
                .queryParam("overdue", "true")
                .get("/v1/reviews")
                .then()
                .body("items.id", hasItem(caseId));
        decide(caseId, "li", "{\"outcome\":\"APPROVE\",\"reason\":\"ok\"}")
                .statusCode(409)
                .body("detail", containsString("lapsed"));
        claim(caseId, "wang").statusCode(200).body("claimedBy", equalTo("wang"));
        decide(caseId, "wang", "{\"outcome\":\"APPROVE\",\"reason\":\"ok\"}")
                .statusCode(200)
                .body("overdue", equalTo(false));
    }
}
