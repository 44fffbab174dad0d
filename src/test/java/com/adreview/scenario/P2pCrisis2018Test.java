package com.adreview.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The 2018 story, replayed through the API: forty P2P platforms advertised, 429 complaints involving
 * CNY 40 million arrive, the platforms that cross a threshold are pulled at once and the ad servers
 * hear of it in the change feed and by webhook; then the operator suspends the whole category.
 */
@QuarkusTest
@TestProfile(P2pCrisis2018Test.OwnStore.class)
@WithTestResource(EmbeddedStoreResource.class)
class P2pCrisis2018Test {

    private static final int PLATFORMS = 40;

    /** The story suspends a whole category: it gets an application and a store of its own. */
    public static class OwnStore implements io.quarkus.test.junit.QuarkusTestProfile {}

    private record Platform(String submissionId, String domain, String account) {}

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

    /** Every complaint of the story comes from a lender of its own. */
    private static int reporters;

    private static void complain(Platform p, String source, BigDecimal amount) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"" + p.domain + "\"},\"source\":\"" + source
                        + "\",\"category\":\"WITHDRAWAL_BLOCKED\","
                        + "\"amountInvolved\":{\"amount\":" + amount.toPlainString() + ",\"currency\":\"CNY\"},"
                        + "\"description\":\"平台逾期，无法提现\",\"reporterId\":\"lender-" + (++reporters) + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    private static String status(Platform p) {
        return Api.staff()
                .get("/v1/submissions/{id}", p.submissionId)
                .then()
                .extract()
                .path("status");
    }

    private static List<Map<String, Object>> feed() {
        List<Map<String, Object>> all = new ArrayList<>();
        long cursor = 0;
        while (true) {
            JsonPath page = Api.staff()
                    .queryParam("after", cursor)
                    .queryParam("limit", 100)
                    .get("/v1/ads/changes")
                    .then()
                    .extract()
                    .jsonPath();
            all.addAll(page.getList("items"));
            long next = page.getLong("next");
            if (next == cursor) {
                return all;
            }
            cursor = next;
        }
    }

    @Test
    void complaintsPullTheWorstPlatformsAndASuspensionPullsTheRest() throws Exception {
        // An ad server listening by webhook: it must hear of every pull.
        Set<String> heard = java.util.concurrent.ConcurrentHashMap.newKeySet();
        com.sun.net.httpserver.HttpServer adServer =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        adServer.createContext("/changes", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (body.contains("\"to\":\"PULLED\"")) {
                heard.add(io.restassured.path.json.JsonPath.from(body).getString("submissionId"));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        adServer.start();
        String webhook = Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + adServer.getAddress().getPort() + "/changes\"}")
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            replay(heard);
        } finally {
            Api.staff().delete("/v1/webhooks/{id}", webhook);
            adServer.stop(0);
        }
    }

    private void replay(Set<String> heard) throws Exception {
        List<Platform> platforms = new ArrayList<>();
        for (int i = 0; i < PLATFORMS; i++) {
            TestPackages ad =
                    TestPackages.example("01-approved-p2p").asNewEntity().with("adId", "p2p-" + i);
            String id = submit(ad);
            platforms.add(new Platform(
                    id,
                    ad.json().at("/product/domain").asText(),
                    ad.json().at("/advertiser/accountId").asText()));
        }
        String consumerCredit =
                submit(TestPackages.example("01-approved-p2p").asNewEntity().with("category", "CONSUMER_CREDIT"));

        // 429 complaints, CNY 40,000,000 in all:
        //  - platforms 0-9: 25 user complaints each (250), CNY 100,000 each   → 20+ complaints: pulled
        //  - platform 10:   10 user complaints of CNY 1,000,000 each (10)      → amount: pulled
        //  - platform 11:   1 regulator complaint of CNY 500,000               → authority: pulled
        //  - platforms 12-39: 168 user complaints spread 6 each (6 × 28),
        //    CNY 24,000 each, one of CNY 492,000 to make the total               → escalations only: stay live
        int complaints = 0;
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 25; k++) {
                complain(platforms.get(i), "USER", new BigDecimal("100000"));
                complaints++;
                total = total.add(new BigDecimal("100000"));
            }
        }
        for (int k = 0; k < 10; k++) {
            complain(platforms.get(10), "USER", new BigDecimal("1000000"));
            complaints++;
            total = total.add(new BigDecimal("1000000"));
        }
        complain(platforms.get(11), "REGULATOR", new BigDecimal("500000"));
        complaints++;
        total = total.add(new BigDecimal("500000"));
        for (int i = 12; i < PLATFORMS; i++) {
            for (int k = 0; k < 6; k++) {
                BigDecimal amount = i == 12 && k == 0 ? new BigDecimal("492000") : new BigDecimal("24000");
                complain(platforms.get(i), "USER", amount);
                complaints++;
                total = total.add(amount);
            }
        }
        assertThat(complaints).isEqualTo(429);
        assertThat(total).isEqualByComparingTo("40000000");

        Set<String> pulledByComplaints = new HashSet<>();
        for (int i = 0; i < PLATFORMS; i++) {
            String expected = i <= 11 ? "PULLED" : "APPROVED";
            assertThat(status(platforms.get(i))).as("platform %d", i).isEqualTo(expected);
            if (i <= 11) {
                pulledByComplaints.add(platforms.get(i).submissionId);
            }
        }
        List<Map<String, Object>> feed = feed();
        assertThat(feed.stream()
                        .filter(c -> "PULLED".equals(c.get("to")) && "COMPLAINT".equals(c.get("cause")))
                        .map(c -> (String) c.get("submissionId")))
                .containsExactlyInAnyOrderElementsOf(pulledByComplaints);

        String suspension = Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"P2P_LENDING\",\"reason\":\"429 complaints, CNY 40 million involved\"}")
                .post("/v1/suspensions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"DONE"
                .equals(Api.staff()
                        .get("/v1/suspensions/{id}", suspension)
                        .then()
                        .extract()
                        .path("sweep"))) {
            assertThat(Instant.now()).as("sweep finished in time").isBefore(deadline);
            Thread.sleep(100);
        }

        Api.staff().get("/v1/suspensions/{id}", suspension).then().body("pulled", equalTo(PLATFORMS - 12));
        for (Platform p : platforms) {
            assertThat(status(p)).isEqualTo("PULLED");
        }
        Api.submitter()
                .contentType(ContentType.JSON)
                .body(TestPackages.example("01-approved-p2p").asNewEntity().body())
                .post("/v1/submissions")
                .then()
                .body("status", equalTo("REJECTED"))
                .body("decision.findings.topic", hasItem("CATEGORY_SUSPENDED"));
        Api.staff().get("/v1/submissions/{id}", consumerCredit).then().body("status", equalTo("APPROVED"));
        assertThat(feed().stream().filter(c -> "CATEGORY_SUSPENDED".equals(c.get("cause"))))
                .hasSize(PLATFORMS - 12);
    }
}
