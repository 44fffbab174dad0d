package com.adreview.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Limits on what one caller can do: a key's request rate, and one reporter's weight in a complaint record. */
@QuarkusTest
@TestProfile(AbuseLimitsTest.LowRate.class)
@WithTestResource(EmbeddedStoreResource.class)
class AbuseLimitsTest {

    public static class LowRate implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "adreview.security.rate-limit.per-second", "2",
                    "adreview.security.rate-limit.burst", "5",
                    "adreview.complaint.intake.per-second", "1",
                    "adreview.complaint.intake.burst", "50");
        }
    }

    @Test
    void aKeyOverItsRateIsToldToWaitAndOtherKeysAreNotHeldUp() {
        String busy = Api.newKey("acct-busy-" + UUID.randomUUID());
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(
                    io.restassured.RestAssured.given().header(Api.API_KEY, busy).get("/v1/submissions"));
        }
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertThat(statuses).contains(200, 429);
        Response limited =
                answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 2);

        String calm = Api.newKey("acct-calm-" + UUID.randomUUID());
        io.restassured.RestAssured.given()
                .header(Api.API_KEY, calm)
                .get("/v1/submissions")
                .then()
                .statusCode(200);
    }

    @Test
    void oneReporterCannotPullACompetitorsAdsAloneButManyCan() {
        TestPackages target = TestPackages.example("01-approved-p2p").asNewEntity();
        String ad = Api.submitted(target);
        String domain = target.json().at("/product/domain").asText();
        for (int i = 0; i < 25; i++) {
            complain(domain, "competitor-1");
        }
        Api.staff().get("/v1/submissions/{id}", ad).then().body("status", equalTo("APPROVED"));
        // The one reporter counts once; with nineteen more, twenty distinct users cross the REJECT threshold.
        for (int i = 2; i <= 20; i++) {
            complain(domain, "user-" + i);
        }
        Api.staff().get("/v1/submissions/{id}", ad).then().body("status", equalTo("PULLED"));
    }

    @Test
    void aCredentialOverItsComplaintRateIsToldToWaitAndWhatItWasRefusedIsNotStored() {
        String domain = "flood-" + UUID.randomUUID() + ".cn";
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            answers.add(Api.as("wang")
                    .contentType(ContentType.JSON)
                    .body("{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                            + "\"description\":\"无法提现\",\"reporterId\":\"flood-" + i + "\"}")
                    .post("/v1/complaints"));
        }
        List<Integer> statuses = answers.stream().map(Response::statusCode).toList();
        assertThat(statuses).contains(201, 429).containsOnly(201, 429);
        Response limited =
                answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isPositive();
        long created = statuses.stream().filter(s -> s == 201).count();
        List<Object> stored = Api.staff()
                .queryParam("subject", domain)
                .queryParam("limit", 100)
                .get("/v1/complaints")
                .then()
                .extract()
                .path("items");
        assertThat(stored).hasSize((int) created);
        // Another credential is not held up by it.
        complain("other-" + UUID.randomUUID() + ".cn", "someone");
    }

    private static void complain(String domain, String reporter) {
        Api.as("li")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                        + "\"description\":\"无法提现\",\"reporterId\":\"" + reporter + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }
}
