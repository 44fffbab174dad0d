package com.adreview.enforcement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Complaints that push an entity over a REJECT threshold pull its live ads at once, through the API. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ComplaintPullTest {

    private static String submit(TestPackages ad) {
        return Api.submitter()
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static String complain(String subjectField, String value, String source) {
        return Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"" + subjectField + "\":\"" + value + "\"},\"source\":\"" + source
                        + "\",\"category\":\"FRAUD\",\"description\":\"无法提现\",\"reporterId\":\"user-"
                        + java.util.UUID.randomUUID() + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aRegulatorComplaintPullsEveryLiveAdOfTheEntityBeforeItsCreatedIsAnswered() {
        TestPackages first =
                TestPackages.example("01-approved-p2p").asNewEntity().with("adId", "ad-a");
        TestPackages second = TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("adId", "ad-b")
                .with(
                        "advertiser.accountId",
                        first.json().at("/advertiser/accountId").asText());
        String a = submit(first);
        String b = submit(second);

        String complaint = complain("domain", first.json().at("/product/domain").asText(), "REGULATOR");

        for (String id : List.of(a, b)) {
            Api.staff()
                    .get("/v1/submissions/{id}", id)
                    .then()
                    .body("status", equalTo("PULLED"))
                    .body("decision.findings", emptyIterable())
                    .body("statusChanges", hasSize(1))
                    .body("statusChanges[0].from", equalTo("APPROVED"))
                    .body("statusChanges[0].to", equalTo("PULLED"))
                    .body("statusChanges[0].complaintId", equalTo(complaint))
                    .body("statusChanges[0].decision.findings.ruleId", hasItem("complaint-from-authority"));
        }
        Api.staff()
                .queryParam(
                        "accountId", first.json().at("/advertiser/accountId").asText())
                .get("/v1/ads/{adId}", "ad-a")
                .then()
                .body("status", equalTo("PULLED"));
        Api.staff()
                .get(
                        "/v1/entities/{id}",
                        first.json().at("/advertiser/accountId").asText())
                .then()
                .body("liveAds", emptyIterable());
    }

    @Test
    void complaintsBelowARejectThresholdLeaveTheAdLive() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = submit(ad);
        for (int i = 0; i < 6; i++) {
            complain(
                    "advertiserAccountId", ad.json().at("/advertiser/accountId").asText(), "USER");
        }

        Api.staff()
                .get("/v1/submissions/{id}", id)
                .then()
                .body("status", equalTo("APPROVED"))
                .body("statusChanges", emptyIterable());
    }

    @Test
    void theComplaintThatCrossesTwentyPullsTheAd() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = submit(ad);
        String app = ad.json().at("/product/appId").asText();
        for (int i = 0; i < 19; i++) {
            complain("appId", app, "USER");
        }
        Api.staff().get("/v1/submissions/{id}", id).then().body("status", equalTo("APPROVED"));

        String twentieth = complain("appId", app, "USER");

        Api.staff()
                .get("/v1/submissions/{id}", id)
                .then()
                .body("status", equalTo("PULLED"))
                .body("statusChanges[0].complaintId", equalTo(twentieth))
                .body("statusChanges[0].decision.findings.ruleId", hasItem("complaint-volume"));
    }

    @Test
    void concurrentComplaintsPullOnceAndLoseNothing() throws Exception {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = submit(ad);
        String code = ad.json().at("/advertiser/creditCode").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(() -> complain("creditCode", code, "POLICE"));
            }
            for (Future<String> f : pool.invokeAll(calls)) {
                assertThat(f.get()).isNotBlank();
            }
        } finally {
            pool.shutdownNow();
        }

        Api.staff()
                .get("/v1/submissions/{id}", id)
                .then()
                .body("status", equalTo("PULLED"))
                .body("statusChanges", hasSize(1));
        Api.staff().queryParam("subject", code).get("/v1/complaints").then().body("items", hasSize(12));
    }

    @Test
    void aRejectedSubmissionIsNotTouched() {
        TestPackages ad = TestPackages.example("03-rejected-filing-only").asNewEntity();
        String id = submit(ad);
        complain("domain", ad.json().at("/product/domain").asText(), "POLICE");

        Api.staff()
                .get("/v1/submissions/{id}", id)
                .then()
                .body("status", equalTo("REJECTED"))
                .body("statusChanges", emptyIterable());
    }
}
