package com.adreview.surge;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.StoreCommands;
import com.adreview.testing.Surges;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Complaints arriving together are checked for surges together (issue 16: a check per complaint, about
 * eleven store commands on the surge worker, ran beside the next complaint's own request): what they share
 * is read once, and the alerts are what checking them one at a time finds. The worker gathers for ten
 * seconds here, so that complaints posted back to back are checked as one batch; waiting for the checks
 * ({@link Surges#checked()}) has it check what is queued at once.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(SurgeCheckGatheringTest.LongGather.class)
class SurgeCheckGatheringTest {

    public static class LongGather implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adreview.surge.gather", "10s");
        }
    }

    private static final String WORKER = "complaint-surges";
    private static int reporters;

    @Inject
    StoreCommands commands;

    /** A new advertiser with one live ad in the category: its account. */
    private static String newAdvertiser(String category) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity().with("category", category);
        Api.submit(ad).statusCode(201);
        return ad.json().at("/advertiser/accountId").asText();
    }

    private static void complain(String account, Instant receivedAt) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account + "\"},\"source\":\"USER\","
                        + "\"category\":\"MISLEADING\",\"description\":\"退款要先做任务\",\"reporterId\":\"gather-"
                        + (++reporters) + "\",\"receivedAt\":\"" + receivedAt + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    private static List<Map<String, Object>> alertsOf(String subject) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var request = Api.auditor().queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath json =
                    request.get("/v1/alerts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = json.getList("items");
            items.stream().filter(a -> subject.equals(a.get("subject"))).forEach(out::add);
            cursor = json.getString("next");
            if (cursor == null) {
                break;
            }
        }
        return out;
    }

    /** The feed's SURGE_ALERT entries after the cursor. */
    private static List<Map<String, Object>> surgeEntriesAfter(long cursor) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; page < 1000; page++) {
            JsonPath json = Api.staff()
                    .queryParam("after", cursor)
                    .queryParam("limit", 100)
                    .queryParam("kind", "SURGE_ALERT")
                    .get("/v1/ads/changes")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            all.addAll(json.getList("items"));
            long next = json.getLong("next");
            if (next == cursor) {
                break;
            }
            cursor = next;
        }
        return all;
    }

    private static long feedEnd() {
        long cursor = 0;
        for (int page = 0; page < 10_000; page++) {
            long next = Api.staff()
                    .queryParam("after", cursor)
                    .queryParam("limit", 100)
                    .queryParam("kind", "SURGE_ALERT")
                    .get("/v1/ads/changes")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getLong("next");
            if (next == cursor) {
                break;
            }
            cursor = next;
        }
        return cursor;
    }

    @Test
    void complaintsArrivingTogetherShareTheirCategorysReads() {
        int n = 10;
        List<String> alone = new ArrayList<>();
        List<String> together = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            alone.add(newAdvertiser("ECOMMERCE"));
            together.add(newAdvertiser("ECOMMERCE"));
        }
        Instant received = Instant.now().minus(Duration.ofHours(1));
        Surges.checked();

        long before = commands.onThread(WORKER);
        for (String account : alone) {
            complain(account, received);
            Surges.checked(); // checked alone
        }
        long oneAtATime = commands.onThread(WORKER) - before;

        before = commands.onThread(WORKER);
        for (String account : together) {
            complain(account, received);
        }
        Surges.checked(); // all ten in one check
        long gathered = commands.onThread(WORKER) - before;

        // Each complaint is still classified on its own (its entities and categories written on it), and each
        // entity checked; the complaints' read, the categories' day counts and the category's first-day count
        // are made once for the ten instead of ten times.
        System.out.printf(
                "surge worker store commands for %d complaints: %d checked one at a time, %d together%n",
                n, oneAtATime, gathered);
        assertThat(oneAtATime)
                .as("surge worker commands, ten complaints checked one at a time")
                .isPositive();
        assertThat(gathered)
                .as("surge worker commands, the same ten checked together (one at a time: %d)", oneAtATime)
                .isLessThanOrEqualTo(oneAtATime - 3L * (n - 1));
    }

    @Test
    void anEntitysComplaintsCheckedTogetherOpenItsAlertWithAllOfThem() {
        String account = newAdvertiser("ECOMMERCE");
        String subject = "account:" + account;
        Instant now = Instant.now();
        for (int i = 0; i < 12; i++) {
            complain(account, now.minus(Duration.ofHours(60 - i * 4L)));
        }
        assertThat(alertsOf(subject))
                .as("nothing checked before the gathering ends")
                .isEmpty();

        Surges.checked();
        List<Map<String, Object>> alerts = alertsOf(subject);
        assertThat(alerts).hasSize(1);
        Api.auditor()
                .get("/v1/alerts/{id}", alerts.get(0).get("id"))
                .then()
                .statusCode(200)
                .body("scope", org.hamcrest.Matchers.equalTo("ENTITY"))
                .body("state", org.hamcrest.Matchers.equalTo("OPEN"))
                .body("numbers.recentCount", org.hamcrest.Matchers.equalTo(12));
    }

    @Test
    void aBacklogInOneBatchIsStillCheckedAsItUnfolded() {
        String account = newAdvertiser("ECOMMERCE");
        String subject = "account:" + account;
        // Twelve complaints of five weeks ago, two hours apart, entered late in one go and checked as one batch:
        // each as of its own arrival, in order, as they unfolded.
        long feed = feedEnd();
        Instant first = Instant.now().minus(Duration.ofDays(35)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int i = 0; i < 12; i++) {
            complain(account, first.plus(Duration.ofHours(2L * i)));
        }
        Surges.checked();

        // Checked together as of now, none of them is recent, and nothing would open; as of the last's
        // arrival, the alert would open with twelve. It opened with ten, and the two after it updated it.
        List<Map<String, Object>> opened = surgeEntriesAfter(feed).stream()
                .filter(e -> subject.equals(e.get("subject")))
                .toList();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0)).containsEntry("event", "OPENED").containsEntry("recentCount", 10);
        List<Map<String, Object>> alerts = alertsOf(subject);
        assertThat(alerts).hasSize(1);
        JsonPath alert = Api.auditor()
                .get("/v1/alerts/{id}", alerts.get(0).get("id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(alert.getInt("numbers.recentCount")).isEqualTo(12);
        assertThat(Instant.parse(alert.getString("asOf"))).isEqualTo(first.plus(Duration.ofHours(22)));
    }
}
