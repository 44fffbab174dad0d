package com.adreview.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.adreview.engine.Finding;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.GenerousLimitsProfile;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What one request, and one tenant, may cost the service. */
@QuarkusTest
@TestProfile(GenerousLimitsProfile.class)
@WithTestResource(EmbeddedStoreResource.class)
class TenantFairnessTest {

    @Test
    void aFloodOfInvisibleCharactersIsOneFindingWithACountNotAHugeAnswer() {
        TestPackages ad = TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("creative.body", "出借" + "\u200b".repeat(4_990) + "公开。");
        Response answer =
                Api.gatewayOf(ad).contentType(ContentType.JSON).body(ad.body()).post("/v1/submissions");
        answer.then()
                .statusCode(201)
                .body("decision.findings.evidence.flatten().size()", lessThanOrEqualTo(40))
                .body("decision.findings.evidence*.size()", everyItem(lessThanOrEqualTo(Finding.MAX_EVIDENCE)));
        int more = answer.path("decision.findings.find { it.topic == 'OBFUSCATED_TEXT' }.moreEvidence");
        assertThat(more).isGreaterThan(4_900);
        assertThat(answer.asByteArray().length).isLessThan(40_000);
    }

    @Test
    void oneKeyCannotTakeEveryWorkerAndItsPlacesAreGivenBack() throws Exception {
        TestPackages busy = TestPackages.example("01-approved-p2p").asNewEntity();
        String key = Api.keyFor(busy.json().at("/advertiser/accountId").asText());
        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Response> answers = new ArrayList<>();
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String body = busy.with("adId", "busy-" + i).body();
                calls.add(() -> RestAssured.given()
                        .header(Api.API_KEY, key)
                        .contentType(ContentType.JSON)
                        .body(body)
                        .post("/v1/submissions"));
            }
            for (Future<Response> f : pool.invokeAll(calls)) {
                answers.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertThat(statuses).containsOnly(201, 429).contains(201);
        answers.stream().filter(r -> r.statusCode() == 429).forEach(r -> {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.asString()).contains("in flight");
            assertThat(r.header("Retry-After")).isEqualTo("1");
        });
        // Every place was given back: one after the other, the key is served again.
        for (int i = 0; i < 4; i++) {
            RestAssured.given()
                    .header(Api.API_KEY, key)
                    .get("/v1/submissions")
                    .then()
                    .statusCode(200);
        }
    }
}
