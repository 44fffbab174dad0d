package com.adreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** What an attacker sent the edges of the API (issue 14), each answered by a 4xx problem, nothing stored. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class RequestHardeningTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemAndNothingIsStored() throws Exception {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        // A valid package, then 900,000 bytes of white space, which JSON allows between tokens.
        String body = ad.body() + " ".repeat(900_000);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/submissions"))
                .header("Content-Type", "application/json")
                .header(
                        Api.API_KEY,
                        Api.keyFor(ad.json().at("/advertiser/accountId").asText()))
                // An input stream of unknown length: the client sends it chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413");
        Api.staff()
                .queryParam("accountId", ad.json().at("/advertiser/accountId").asText())
                .get("/v1/submissions")
                .then()
                .body("items", emptyIterable());
    }

    @Test
    void aChunkedBodyUnderTheLimitIsRead() throws Exception {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String body = ad.body();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/v1/submissions"))
                .header("Content-Type", "application/json")
                .header(
                        Api.API_KEY,
                        Api.keyFor(ad.json().at("/advertiser/accountId").asText()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))))
                .build();
        assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(201);
    }

    @Test
    void basicCredentialsThatAreNotBase64AreA401Problem() {
        RestAssured.given()
                .header("Authorization", "Basic !!!notbase64")
                .get("/v1/complaints")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        RestAssured.given()
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes()))
                .get("/v1/complaints")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void hugeNumbersAreNamedFieldsNotServerErrors() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String body = ad.body().replace("\"amount\":200000000", "\"amount\":12345678901234567890123456789012345678");
        Api.submit(TestPackages.example("01-approved-p2p")); // warm the key path
        Api.gatewayOf(ad)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/submissions")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("advertiser.registeredCapital.amount"));
        Api.gatewayOf(ad)
                .contentType(ContentType.JSON)
                .body(ad.body().replace("\"domain\":\"p-", "\"maxAnnualRate\":1e400,\"domain\":\"p-"))
                .post("/v1/submissions")
                .then()
                .statusCode(400)
                .body("errors.field", contains("product.maxAnnualRate"))
                .body(not(containsString("com.adreview")));
        for (String amount : List.of("12345678901234567890123456789012345678", "1e400", "-1e400")) {
            Api.staff()
                    .contentType(ContentType.JSON)
                    .body("{\"subject\":{\"domain\":\"big.example.cn\"},\"source\":\"MEDIA\",\"category\":\"FRAUD\","
                            + "\"description\":\"x\",\"amountInvolved\":{\"amount\":" + amount
                            + ",\"currency\":\"CNY\"}}")
                    .post("/v1/complaints")
                    .then()
                    .statusCode(400)
                    .body("errors.field", contains("amountInvolved.amount"))
                    .body(not(containsString("com.adreview")));
        }
    }

    @Test
    void instantsOutsideTheCalendarAreNamedFieldsNotServerErrors() {
        Api.auditor()
                .queryParam("from", "+999999999-12-31T23:59:59Z")
                .get("/v1/audit/events")
                .then()
                .statusCode(400)
                .body("errors.field", contains("from"));
        Api.auditor()
                .queryParam("to", "-999999999-01-01T00:00:00Z")
                .get("/v1/audit/export")
                .then()
                .statusCode(400);
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"old.example.cn\"},\"source\":\"MEDIA\",\"category\":\"FRAUD\","
                        + "\"description\":\"x\",\"receivedAt\":\"-999999999-01-01T00:00:00Z\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(400)
                .body("errors.field", contains("receivedAt"));
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.gatewayOf(ad)
                .contentType(ContentType.JSON)
                .body(ad.with("advertiser.operatingSince", "+99999-01-01").body())
                .post("/v1/submissions")
                .then()
                .statusCode(400)
                .body("errors.field", contains("advertiser.operatingSince"));
    }

    @Test
    void concurrentResubmissionsOfOneAdEachGetARevisionNeverAServerError() throws Exception {
        TestPackages ad =
                TestPackages.example("01-approved-p2p").asNewEntity().with("adId", "race-" + UUID.randomUUID());
        String key = Api.keyFor(ad.json().at("/advertiser/accountId").asText());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                calls.add(() -> RestAssured.given()
                        .header(Api.API_KEY, key)
                        .contentType(ContentType.JSON)
                        .body(ad.body())
                        .post("/v1/submissions")
                        .statusCode());
            }
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        // Each gets its revision, or is told cleanly to come back (409: the race; 429: too many of the key at once).
        assertThat(statuses).allMatch(s -> s == 201 || s == 409 || s == 429, "201, 409 or 429: " + statuses);
        List<Integer> revisions = Api.staff()
                .queryParam("accountId", ad.json().at("/advertiser/accountId").asText())
                .get("/v1/ads/{adId}", ad.json().at("/adId").asText())
                .then()
                .extract()
                .path("revisions.revision");
        long created = statuses.stream().filter(s -> s == 201).count();
        assertThat(revisions).hasSize((int) created).doesNotHaveDuplicates();
        Api.staff()
                .queryParam("accountId", ad.json().at("/advertiser/accountId").asText())
                .get("/v1/ads/{adId}", ad.json().at("/adId").asText())
                .then()
                .body("revisions.findAll { it.status != null }.size()", equalTo((int) created));
    }

    @Test
    void aCrossSiteRequestRidingOnABrowsersBasicSignInIsRefused() {
        String domain = "csrf-" + UUID.randomUUID() + ".cn";
        String complaint = "{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"MEDIA\",\"category\":\"FRAUD\","
                + "\"description\":\"x\",\"amountInvolved\":{\"amount\":1000000,\"currency\":\"CNY\"}}";
        // What a no-cors fetch can send: text/plain, or no type at all, with the browser's Basic credentials.
        Api.as("li")
                .contentType("text/plain")
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("errors.field", contains("Content-Type"));
        RestAssured.given()
                .header("Authorization", basic("li"))
                .post("/v1/reviews/{id}/claim", "0123456789abcdef01234567")
                .then()
                .statusCode(415);
        // JSON, but from another site (a preflight the attacker's page cannot pass would precede it).
        Api.as("li")
                .header("Origin", "https://evil.example")
                .contentType(ContentType.JSON)
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        Api.as("li")
                .header("Sec-Fetch-Site", "cross-site")
                .contentType(ContentType.JSON)
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(403);
        Api.staff().queryParam("subject", domain).get("/v1/complaints").then().body("items", emptyIterable());
        // The same origin, or a credential a browser never adds by itself, goes through.
        Api.as("li")
                .header("Origin", base())
                .contentType(ContentType.JSON)
                .body(complaint)
                .post("/v1/complaints")
                .then()
                .statusCode(201);
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.gatewayOf(ad)
                .header("Origin", "https://gateway-console.example")
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then()
                .statusCode(201);
    }

    @Test
    void answersCarryTheSecurityHeadersAndAuthenticatedOnesAreNotCached() {
        for (String path : List.of("/v1/complaints", "/console", "/v1/no-such-thing")) {
            Api.staff()
                    .get(path)
                    .then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "same-origin")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("script-src")))
                    .header("Cache-Control", "no-store");
        }
        RestAssured.given().get("/q/health/live").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void whatACreationAnswersPointsAtAPathNotAtTheHostTheRequestClaimed() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String location = Api.gatewayOf(ad)
                .header("Host", "attacker.example")
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .extract()
                .header("Location");
        assertThat(location).startsWith("/v1/submissions/").doesNotContain("attacker");
    }

    @Test
    void repeatedWrongPasswordsForOneUserAreSlowedDown() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            statuses.add(RestAssured.given()
                    .auth()
                    .preemptive()
                    .basic("guarded", "guess-" + i)
                    .get("/v1/complaints")
                    .statusCode());
        }
        assertThat(statuses.subList(0, 5)).containsOnly(401);
        assertThat(statuses.subList(6, 8)).containsOnly(429);
        // While the wait lasts, even the right password is refused, with when to come back.
        RestAssured.given()
                .auth()
                .preemptive()
                .basic("guarded", "guarded")
                .get("/v1/complaints")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
        // Other users are not held up.
        Api.as("li").get("/v1/complaints").then().statusCode(200);
    }

    @Test
    void aFormStreamedWithoutItsLengthOrOverTheLimitIsAProblem() throws Exception {
        HttpRequest chunkedForm = HttpRequest.newBuilder(
                        URI.create(base() + "/console/cases/0123456789abcdef01234567/decision"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", basic("li"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream("reason=x".getBytes(StandardCharsets.UTF_8))))
                .build();
        HttpResponse<String> response = HTTP.send(chunkedForm, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.body()).contains("Content-Length");
        Api.as("li")
                .contentType(ContentType.URLENC)
                .formParam("reason", "x".repeat(300_000))
                .post("/console/cases/{id}/decision", "0123456789abcdef01234567")
                .then()
                .statusCode(413)
                // A person in the console gets the refusal as a page (issue 15), with the way back.
                .contentType(org.hamcrest.Matchers.startsWith("text/html"))
                .body(org.hamcrest.Matchers.containsString("id=\"back-to-queue\""));
    }

    @Test
    void anEmptyBodyIsAnsweredAtOnce() throws Exception {
        for (String path : List.of("/v1/webhooks", "/v1/complaints", "/v1/suspensions")) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic("admin"))
                    .timeout(java.time.Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(""))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(400);
            HttpRequest chunked = HttpRequest.newBuilder(URI.create(base() + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", basic("admin"))
                    .timeout(java.time.Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[0])))
                    .build();
            assertThat(HTTP.send(chunked, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .as(path + " chunked")
                    .isEqualTo(400);
        }
    }
}
