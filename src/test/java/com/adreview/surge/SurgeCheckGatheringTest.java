package com.adreview.surge;

import static com.adreview.testing.Surges.alertsOf;
import static com.adreview.testing.Surges.feedEnd;
import static com.adreview.testing.Surges.surgeEntriesAfter;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.ShortClocksProfile;
import com.adreview.testing.StoreCommands;
import com.adreview.testing.Surges;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
@TestProfile(ShortClocksProfile.class)
class SurgeCheckGatheringTest {

    private static final String WORKER = "complaint-surges";

    @Inject
    StoreCommands commands;

    private static String newAdvertiser(String category) {
        return Surges.newAdvertiser(category);
    }

    /** A complaint against the account, not waiting for its check (the worker gathers it). */
    private static void complain(String account, Instant receivedAt) {
        Surges.complain(account, receivedAt, "MISLEADING", "退款要先做任务");
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
