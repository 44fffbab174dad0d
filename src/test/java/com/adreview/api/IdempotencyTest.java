package com.adreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.review.ReviewApi;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on submissions, complaints and review decisions, through the API. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class IdempotencyTest {

    private static Response submitWithKey(TestPackages ad, String key) {
        return Api.gatewayOf(ad)
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions");
    }

    private static int revisionsOf(TestPackages ad) {
        return Api.staff()
                .queryParam("accountId", ad.json().at("/advertiser/accountId").asText())
                .get("/v1/submissions")
                .then()
                .extract()
                .jsonPath()
                .getList("items")
                .size();
    }

    @Test
    void theSameKeyAndBodyGetTheFirstAnswerAndNothingHappensTwice() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String key = UUID.randomUUID().toString();
        Response first = submitWithKey(ad, key);
        first.then().statusCode(201);
        Response again = submitWithKey(ad, key);
        again.then()
                .statusCode(201)
                .header(Idempotency.REPLAYED, "true")
                .header("Location", first.header("Location"))
                .body("id", equalTo(first.path("id")))
                .body("revision", equalTo(1));
        assertThat(revisionsOf(ad)).isEqualTo(1);
        // Without a key, a resubmission is a new revision, as always.
        Api.submit(ad).statusCode(201).body("revision", equalTo(2));
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedNamingTheHeader() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String key = UUID.randomUUID().toString();
        submitWithKey(ad, key).then().statusCode(201);
        submitWithKey(ad.with("creative.headline", "换一个标题"), key)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(Idempotency.HEADER));
        assertThat(revisionsOf(ad)).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentIdenticalRequestsCreateExactlyOneSubmission() throws Exception {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.keyFor(ad.json().at("/advertiser/accountId").asText()); // the key exists before the race
        String key = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(pool.submit(() -> submitWithKey(ad, key)));
        }
        Set<String> ids = new HashSet<>();
        for (Future<Response> f : answers) {
            Response r = f.get();
            // Created once; the others: in flight with the same key (409), or beyond the key's share (429).
            assertThat(r.statusCode()).as(r.asString()).isIn(201, 409, 429);
            if (r.statusCode() == 201) {
                ids.add(r.path("id"));
            } else {
                assertThat(r.header("Retry-After")).isEqualTo("1");
            }
        }
        pool.shutdown();
        assertThat(ids).hasSize(1);
        assertThat(revisionsOf(ad)).isEqualTo(1);
        submitWithKey(ad, key)
                .then()
                .statusCode(201)
                .body("id", equalTo(ids.iterator().next()));
    }

    @Test
    void keysAreScopedPerTenantAndARefusalIsRememberedToo() {
        String key = "order-" + UUID.randomUUID();
        TestPackages a = TestPackages.example("01-approved-p2p").asNewEntity();
        TestPackages b = TestPackages.example("01-approved-p2p").asNewEntity();
        String idA = submitWithKey(a, key).then().statusCode(201).extract().path("id");
        String idB = submitWithKey(b, key).then().statusCode(201).extract().path("id");
        assertThat(idA).isNotEqualTo(idB);

        TestPackages bad = TestPackages.example("01-approved-p2p").asNewEntity().without("category");
        String badKey = UUID.randomUUID().toString();
        submitWithKey(bad, badKey).then().statusCode(400).body("errors[0].field", equalTo("category"));
        submitWithKey(bad, badKey)
                .then()
                .statusCode(400)
                .header(Idempotency.REPLAYED, "true")
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("category"));
        submitWithKey(a, "bad key with spaces")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo(Idempotency.HEADER));
    }

    @Test
    void aComplaintAndAReviewDecisionRetriedWithTheirKeyHappenOnce() {
        String domain = "idem-" + UUID.randomUUID() + ".cn";
        String complaint = "{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                + "\"description\":\"无法提现\",\"reporterId\":\"r-9\"}";
        String key = UUID.randomUUID().toString();
        String first = Api.as("li")
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String second = Api.as("li")
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        assertThat(second).isEqualTo(first);
        Api.staff().queryParam("subject", domain).get("/v1/complaints").then().body("items.size()", equalTo(1));

        String submission = Api.submit(ReviewApi.pending(), "PENDING_REVIEW");
        String caseId = ReviewApi.caseOf(submission);
        ReviewApi.claim(caseId, "li").statusCode(200);
        String verdict = "{\"outcome\":\"REJECT\",\"reason\":\"制造紧迫感\"}";
        String decisionKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            Api.as("li")
                    .header(Idempotency.HEADER, decisionKey)
                    .contentType(ContentType.JSON)
                    .body(verdict)
                    .post("/v1/reviews/{id}/decision", caseId)
                    .then()
                    .statusCode(200)
                    .body("resolution.outcome", equalTo("REJECT"));
        }
        ReviewApi.submission(submission).body("statusChanges.size()", equalTo(1));
    }
}
