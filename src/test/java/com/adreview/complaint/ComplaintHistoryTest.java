package com.adreview.complaint;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** A new submission is decided with the complaint record of the entity behind it, through the API. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ComplaintHistoryTest {

    private static ValidatableResponse submit(TestPackages ad) {
        return Api.submitter()
                .contentType(ContentType.JSON)
                .body(ad.body())
                .when()
                .post("/v1/submissions")
                .then()
                .statusCode(201);
    }

    private static void complain(String subject, String source, Instant receivedAt) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":" + subject + ",\"source\":\"" + source + "\",\"category\":\"WITHDRAWAL_BLOCKED\","
                        + "\"description\":\"无法提现\",\"receivedAt\":\"" + receivedAt + "\","
                        + "\"reporterId\":\"user-" + java.util.UUID.randomUUID() + "\"}")
                .when()
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    private static String field(TestPackages ad, String pointer) {
        return ad.json().at(pointer).asText();
    }

    @Test
    void fiveUserComplaintsAgainstTheProductDomainSendTheNextSubmissionToAReviewer() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        submit(ad).body("status", equalTo("APPROVED"));
        for (int i = 0; i < 5; i++) {
            complain(
                    "{\"domain\":\"" + field(ad, "/product/domain") + "\"}",
                    "USER",
                    Instant.now().minus(i, ChronoUnit.DAYS));
        }

        submit(ad)
                .body("status", equalTo("PENDING_REVIEW"))
                .body("decision.findings.ruleId", hasItem("complaint-count-review"))
                .body(
                        "decision.findings.find { it.topic == 'COMPLAINT_HISTORY' }.message",
                        containsString("5 complaints"));
    }

    @Test
    void aRegulatorComplaintAgainstTheAccountRejects() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        complain(
                "{\"advertiserAccountId\":\"" + field(ad, "/advertiser/accountId") + "\"}", "REGULATOR", Instant.now());

        submit(ad)
                .body("status", equalTo("REJECTED"))
                .body("decision.findings.ruleId", hasItem("complaint-from-authority"));
    }

    @Test
    void aComplaintCountsForEveryIdentifierSeenWithItsSubject() {
        TestPackages first = TestPackages.example("01-approved-p2p").asNewEntity();
        submit(first).body("status", equalTo("APPROVED"));
        complain("{\"domain\":\"" + field(first, "/product/domain") + "\"}", "POLICE", Instant.now());

        // Same account, another platform: the police complaint against the first domain still counts.
        TestPackages second = TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("advertiser.accountId", field(first, "/advertiser/accountId"));
        submit(second)
                .body("status", equalTo("REJECTED"))
                .body("decision.findings.topic", hasItem("COMPLAINT_HISTORY"));
    }

    @Test
    void complaintsOlderThanTheWindowDoNotCount() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        complain(
                "{\"creditCode\":\"" + field(ad, "/advertiser/creditCode") + "\"}",
                "REGULATOR",
                Instant.now().minus(91, ChronoUnit.DAYS));

        submit(ad).body("status", equalTo("APPROVED")).body("decision.findings", emptyIterable());
    }
}
