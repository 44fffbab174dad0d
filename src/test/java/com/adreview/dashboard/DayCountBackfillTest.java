package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.feed.AdChangeFeed;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.Surges;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * The backfill of day counts through the real application, on a store of its own: a store whose history
 * has no day counts shows, once backfilled, the figures the live path gave; a second run changes nothing;
 * decisions and complaints made while it runs are neither lost nor doubled.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(DayCountBackfillTest.OwnStore.class)
class DayCountBackfillTest {

    /** A store of its own: the test takes its day counts away, which other tests' figures would feel. */
    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            // Small pages, so that a run over a few thousand records takes long enough to decide beside it.
            return java.util.Map.of("adreview.dashboard.backfill-page-size", "10");
        }
    }

    @Inject
    MongoDatabase database;

    private static final Pattern PANEL = Pattern.compile(
            "<section class=\"card\" id=\"panel-(?:decisions|pulls|complaints-[a-z-]+|topics)\">.*?</section>",
            Pattern.DOTALL);

    /** The panels that read day counts, as the page draws them (bars, tables and top lists): their figures. */
    private static String figures(String days) {
        String html = page(days);
        Matcher m = PANEL.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            out.append(m.group()).append('\n');
        }
        assertThat(out).as("the page has its panels").isNotEmpty();
        return out.toString();
    }

    private static String page(String days) {
        return Api.auditor()
                .queryParam("days", days)
                .get("/console/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static JsonPath state() {
        return Api.auditor()
                .get("/v1/dashboard/day-counts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath awaitDone(String runId) {
        return await(
                "run " + runId + " done",
                s -> "DONE".equals(s.getString("state")) && (runId == null || runId.equals(s.getString("runId"))));
    }

    /** The state once it is what {@code reached} asks, polled for up to two minutes. */
    private static JsonPath await(String what, java.util.function.Predicate<JsonPath> reached) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            JsonPath s = state();
            if (reached.test(s)) {
                return s;
            }
            assertThat(System.nanoTime())
                    .as("%s in time: %s", what, s.prettify())
                    .isLessThan(deadline);
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String backfill() {
        return Api.admin()
                .post("/v1/dashboard/day-counts/backfill")
                .then()
                .statusCode(202)
                .body("requestedBy", startsWith("user:"))
                .extract()
                .jsonPath()
                .getString("runId");
    }

    private static void complain(TestPackages about, String source, String category, Instant receivedAt) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\""
                        + about.json().at("/product/domain").asText() + "\"},\"source\":\""
                        + source + "\",\"category\":\"" + category + "\",\"description\":\"测试\""
                        + (receivedAt == null ? "" : ",\"receivedAt\":\"" + receivedAt + "\"") + "}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    /** Some history through the API: decisions of two kinds today, complaints today and on earlier days. */
    private static void someHistory() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 3; i++) {
            TestPackages ok = TestPackages.example("01-approved-p2p").asNewEntity();
            Api.submit(ok).statusCode(201);
            Api.submit(TestPackages.example("02-rejected-guarantee").asNewEntity())
                    .statusCode(201);
            Api.submit(TestPackages.example("04-rejected-shipping-fee").asNewEntity())
                    .statusCode(201);
            complain(ok, "MEDIA", "MISLEADING", now.minus(Duration.ofDays(2 + i)));
            complain(ok, "REGULATOR", "UNLICENSED", now.minus(Duration.ofDays(20 + i)));
        }
        Surges.checked();
    }

    /** What a store upgraded from a release without day counts holds: records no one counted, and no counts. */
    private void forgetTheCounts() {
        database.getCollection("submissions").updateMany(new Document(), Updates.unset("dayCounted"));
        database.getCollection("complaints")
                .updateMany(
                        new Document(),
                        Updates.combine(Updates.unset("dayCounted"), Updates.unset("categoriesCounted")));
        database.getCollection("decisionDays").deleteMany(new Document());
        database.getCollection("complaintDays").deleteMany(new Document());
        forgetThePullCounts();
    }

    /** What a feed appended by a release that counted no pulls holds: entries no one counted, no pull counts. */
    private void forgetThePullCounts() {
        database.getCollection(AdChangeFeed.COLLECTION).updateMany(new Document(), Updates.unset("dayCounted"));
        database.getCollection(AdChangeFeed.PULL_DAYS).deleteMany(new Document());
    }

    private long pullsInTheFeed() {
        return database.getCollection(AdChangeFeed.COLLECTION).countDocuments(Filters.eq("to", "PULLED"));
    }

    @Test
    void aStoreWithHistoryAndNoDayCountsIsBackfilledByItselfToTheLiveFigures() {
        someHistory();
        String live = figures("30");
        assertThat(DashboardPageTest.total(page("30"), "decisions", "APPROVED")).isGreaterThanOrEqualTo(3);
        assertThat(DashboardPageTest.total(page("30"), "complaints-source", "REGULATOR"))
                .isGreaterThanOrEqualTo(3);
        long pulls = pullsInTheFeed();
        assertThat(pulls)
                .as("the regulators' complaints pulled the approved ads")
                .isGreaterThanOrEqualTo(3);
        assertThat(DashboardPageTest.total(page("30"), "pulls", "COMPLAINT")).isGreaterThanOrEqualTo(3);

        forgetTheCounts();
        long submissions = database.getCollection("submissions").countDocuments();
        long complaints = database.getCollection("complaints").countDocuments();
        assertThat(DashboardPageTest.total(page("30"), "decisions", "APPROVED")).isZero();
        assertThat(DashboardPageTest.total(page("30"), "complaints-source", "REGULATOR"))
                .isZero();
        assertThat(DashboardPageTest.total(page("30"), "pulls", "COMPLAINT")).isZero();

        // As at the first start of the upgraded release: no state yet, so the lease holder looks at the store.
        database.getCollection("dayCountBackfill").deleteMany(new Document());
        JsonPath done = awaitDone(null);
        assertThat(done.getString("requestedBy")).isEqualTo("system");
        assertThat(done.getLong("submissions")).isEqualTo(submissions);
        assertThat(done.getLong("complaints")).isEqualTo(complaints);
        assertThat(done.getLong("pulls")).isEqualTo(pulls);
        assertThat(done.getLong("pullsRead")).isGreaterThanOrEqualTo(pulls);
        assertThat(done.getInt("days")).isGreaterThanOrEqualTo(7); // today's decisions, six days' complaints
        assertThat(done.getString("lastDay"))
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString());
        assertThat(done.getString("phase")).isNull();

        assertThat(figures("30")).isEqualTo(live);

        // Again, on an admin's request: the same figures, and each run audited once.
        int audited = audited().size();
        assertThat(audited()).contains("system");
        awaitDone(backfill());
        assertThat(figures("30")).isEqualTo(live);
        assertThat(audited()).hasSize(audited + 1).contains("user:admin");
    }

    private static List<String> audited() {
        return Api.auditor()
                .queryParam("action", "DAY_COUNTS_BACKFILLED")
                .queryParam("limit", "100")
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.actor");
    }

    @Test
    void decisionsAndComplaintsWhileItRunsAreNeitherLostNorDoubled() {
        Instant now = Instant.now();
        String before = page("30");
        int approved = DashboardPageTest.total(before, "decisions", "APPROVED");
        int rejected = DashboardPageTest.total(before, "decisions", "REJECTED");
        int media = DashboardPageTest.total(before, "complaints-source", "MEDIA");
        int regulator = DashboardPageTest.total(before, "complaints-source", "REGULATOR");

        // Records of an old release: no dashboard fields (counted from the decision), no marks; thousands of
        // them years back, so that the run has pages to walk while new records arrive.
        Instant tenDaysAgo = now.minus(Duration.ofDays(10));
        List<Document> legacy = new java.util.ArrayList<>();
        legacy.add(legacySubmission(tenDaysAgo, "REJECTED", "legacy.rule", "LEGACY_TOPIC"));
        for (int i = 0; i < 6_000; i++) {
            legacy.add(legacySubmission(now.minus(Duration.ofDays(400 + i % 1000)), "APPROVED", null, null));
        }
        database.getCollection("submissions").insertMany(legacy);
        database.getCollection("complaints")
                .insertOne(new Document("_id", new ObjectId())
                        .append("source", "REGULATOR")
                        .append("category", "FRAUD")
                        .append("receivedAt", Date.from(tenDaysAgo))
                        .append("entities", List.of("account:legacy"))
                        .append("adCategories", List.of("P2P_LENDING")));

        long uncounted = database.getCollection("submissions").countDocuments(Filters.ne("dayCounted", true));
        String run = backfill();
        int live = 0;
        int beside = 0; // decided while the run was still going, as seen after the decision
        while (live < 200) {
            TestPackages ok = TestPackages.example("01-approved-p2p").asNewEntity();
            Api.submit(ok).statusCode(201);
            complain(ok, "MEDIA", "MISLEADING", null);
            live++;
            if ("DONE".equals(state().getString("state"))) {
                break;
            }
            beside++;
        }
        assertThat(beside)
                .as("decisions and complaints made while the run was going")
                .isGreaterThanOrEqualTo(5);
        Surges.checked();
        JsonPath done = awaitDone(run);
        assertThat(done.getLong("submissions")).as("none of the live ones").isEqualTo(uncounted);

        String after = page("30");
        assertThat(DashboardPageTest.total(after, "decisions", "APPROVED")).isEqualTo(approved + live);
        assertThat(DashboardPageTest.total(after, "decisions", "REJECTED")).isEqualTo(rejected + 1);
        assertThat(DashboardPageTest.total(after, "complaints-source", "MEDIA")).isEqualTo(media + live);
        assertThat(DashboardPageTest.total(after, "complaints-source", "REGULATOR"))
                .isEqualTo(regulator + 1);
        assertThat(DashboardPageTest.total(after, "complaints-category", "FRAUD"))
                .isEqualTo(1);
        assertThat(DashboardPageTest.total(after, "complaints-ad-category", "P2P_LENDING"))
                .isGreaterThanOrEqualTo(1);
        assertThat(after).contains("legacy.rule");

        // Once more: nothing moves.
        String settled = figures("90");
        awaitDone(backfill());
        assertThat(figures("90")).isEqualTo(settled);
    }

    /**
     * A store upgraded from the release that counted decisions and complaints per day but not pulls: its state
     * says the backfill is done (or was not needed), and its feed's pulls are uncounted. The lease holder counts
     * them by itself, with a run that touches no other count (the backfilled part of a decision count stays),
     * and the panel shows what the live path would have.
     */
    @Test
    void aStoreThatCountedAllButPullsHasItsPullsBackfilledByItself() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 2; i++) {
            TestPackages ok = TestPackages.example("01-approved-p2p").asNewEntity();
            Api.submit(ok).statusCode(201);
            complain(ok, "REGULATOR", "UNLICENSED", now.minus(Duration.ofDays(1)));
        }
        // A decision of an older release, counted by a run: a count with a backfilled part.
        database.getCollection("submissions")
                .insertOne(legacySubmission(now.minus(Duration.ofDays(3)), "REJECTED", "legacy.pulls", "LEGACY_TOPIC"));
        awaitDone(backfill());
        Surges.checked();
        String live = figures("30");
        List<Document> backfilled =
                database.getCollection("decisionDays").find(Filters.gt("b", 0)).into(new java.util.ArrayList<>());
        assertThat(backfilled).as("counts a run set").isNotEmpty();
        String settled = awaitSettled().getString("runId");
        long pulls = pullsInTheFeed();
        assertThat(DashboardPageTest.total(page("30"), "pulls", "COMPLAINT")).isGreaterThanOrEqualTo(2);

        forgetThePullCounts();
        assertThat(DashboardPageTest.total(page("30"), "pulls", "COMPLAINT")).isZero();
        // The state as that release left it: done, with no word about pulls.
        database.getCollection("dayCountBackfill")
                .updateOne(Filters.eq("_id", "day-counts"), Updates.unset("pullsCounted"));

        JsonPath done = awaitNewRun(settled);
        assertThat(done.getString("requestedBy")).isEqualTo("system");
        assertThat(done.getBoolean("pullsOnly")).isTrue();
        assertThat(done.getLong("pulls")).isEqualTo(pulls);
        assertThat(done.getLong("submissionsRead") + done.getLong("complaintsRead"))
                .as("a run of the pulls alone")
                .isZero();
        assertThat(database.getCollection("decisionDays")
                        .find(Filters.gt("b", 0))
                        .into(new java.util.ArrayList<>()))
                .as("the decision counts a run set before, untouched")
                .containsExactlyInAnyOrderElementsOf(backfilled);
        assertThat(figures("30")).isEqualTo(live);

        // Counted now: the holder starts no other run by itself.
        sleep(1_500);
        assertThat(state().getString("runId")).isEqualTo(done.getString("runId"));
    }

    /** The state once no run is queued or running: DONE, or NOT_NEEDED on a store that began with day counts. */
    private static JsonPath awaitSettled() {
        return await("settled", s -> "DONE".equals(s.getString("state")) || "NOT_NEEDED".equals(s.getString("state")));
    }

    /** The state once a run other than {@code previous} is done. */
    private static JsonPath awaitNewRun(String previous) {
        return await(
                "a run other than " + previous + " done",
                s -> "DONE".equals(s.getString("state")) && !java.util.Objects.equals(previous, s.getString("runId")));
    }

    @Test
    void onlyAdminsStartItAndAuditorsSeeIt() {
        Api.anyone().get("/v1/dashboard/day-counts").then().statusCode(401);
        Api.as("li").get("/v1/dashboard/day-counts").then().statusCode(403);
        Api.auditor().post("/v1/dashboard/day-counts/backfill").then().statusCode(403);
        Api.admin()
                .get("/v1/dashboard/day-counts")
                .then()
                .statusCode(200)
                .body("state", org.hamcrest.Matchers.notNullValue());
        Api.gateway("acct-backfill-gw")
                .post("/v1/dashboard/day-counts/backfill")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(403));
    }

    private static Document legacySubmission(Instant at, String status, String rule, String topic) {
        List<Document> findings =
                rule == null ? List.of() : List.of(new Document("ruleId", rule).append("topic", topic));
        return new Document("_id", new ObjectId())
                .append("accountId", "acct-legacy")
                .append("adId", "ad-legacy-" + new ObjectId())
                .append("revision", 1)
                .append("current", false)
                .append("category", "P2P_LENDING")
                .append("status", status)
                .append("receivedAt", Date.from(at))
                .append("decision", new Document("status", status).append("findings", findings))
                .append("version", 1L);
    }
}
