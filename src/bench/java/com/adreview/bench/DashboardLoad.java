package com.adreview.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * How long each dashboard panel takes on a store holding many submissions and complaints. The fixture
 * is written straight into a running service's embedded store (its wire port fixed at start), in the
 * fields the dashboard reads, spread over the last 90 days; then the dashboard page is asked for
 * repeatedly per range and the per-panel times it reports (server side, in ms) are summarised.
 *
 * <pre>
 * java -Dadreview.store.embedded.data-dir=target/dashboard-data -Dadreview.store.embedded.port=27999 \
 *     -jar target/quarkus-app/quarkus-run.jar
 * ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.DashboardLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.store=mongodb://127.0.0.1:27999 \
 *     -Dload.submissions=100000 -Dload.complaints=500000
 * </pre>
 *
 * <p>Properties: {@code load.url}, {@code load.store}, {@code load.submissions}, {@code load.complaints},
 * {@code load.cases} (undecided review cases), {@code load.rounds} (page loads per range), {@code load.admin};
 * {@code load.backfill=true} then also makes the store one older than day counts (marks and counts taken
 * away), backfills it through {@code POST /v1/dashboard/day-counts/backfill}, times the run and checks that
 * the panels show the same figures as before.
 */
public final class DashboardLoad {

    private static final Pattern TIMING = Pattern.compile("(\\w+) (\\d+) ms");
    private static final String[] STATUSES = {"APPROVED", "APPROVED", "APPROVED", "REJECTED", "PENDING_REVIEW"};
    private static final String[] TOPICS = {"GUARANTEED_RETURN", "RATE_ABOVE_CAP", "ICP_MISSING", "PRESSURE_TACTICS"};
    private static final String[] SOURCES = {"USER", "USER", "USER", "REGULATOR", "MEDIA", "POLICE"};
    private static final String[] CATEGORIES = {"FRAUD", "MISLEADING", "UNLICENSED", "WITHDRAWAL_BLOCKED", "OTHER"};
    private static final String[] AD_CATEGORIES = {"P2P_LENDING", "CONSUMER_CREDIT", "WEALTH_MANAGEMENT", "ECOMMERCE"};
    private static final String[] KINDS = {"INTAKE", "RE_EVALUATION", "APPEAL"};

    private DashboardLoad() {}

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("load.url", "http://localhost:8080");
        String store = System.getProperty("load.store", "mongodb://127.0.0.1:27999");
        int submissions = Integer.getInteger("load.submissions", 100_000);
        int complaints = Integer.getInteger("load.complaints", 500_000);
        int cases = Integer.getInteger("load.cases", 2_000);
        int rounds = Integer.getInteger("load.rounds", 10);
        String admin = System.getProperty("load.admin", "admin:admin");
        Random random = new Random(20);
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        Map<String, Long> decisionDays = new java.util.HashMap<>();
        Map<String, Long> complaintDays = new java.util.HashMap<>();
        try (MongoClient client = MongoClients.create(store)) {
            var db = client.getDatabase("adreview");
            fill(db.getCollection("submissions"), submissions, i -> {
                Instant at = now.minusSeconds(random.nextInt(90 * 86_400));
                String status = STATUSES[random.nextInt(STATUSES.length)];
                List<String> topics = status.equals("APPROVED") ? List.of() : List.of(TOPICS[random.nextInt(TOPICS.length)]);
                // What the service counts as it stores a decision (SubmissionStore's daily tally).
                count(decisionDays, "status", day(at), status);
                topics.forEach(t -> {
                    count(decisionDays, "topic", day(at), t);
                    count(decisionDays, "rule", day(at), t.toLowerCase().replace('_', '-'));
                });
                return new Document("accountId", "bench-acct-" + (i % 5_000))
                        .append("adId", "bench-ad-" + i)
                        .append("revision", 1)
                        .append("current", true)
                        .append("category", AD_CATEGORIES[random.nextInt(AD_CATEGORIES.length)])
                        .append("status", status)
                        .append("receivedAt", Date.from(at))
                        .append("receivedDay", day(at))
                        .append("decidedStatus", status)
                        .append("topics", topics)
                        .append("ruleIds", topics.stream().map(t -> t.toLowerCase().replace('_', '-')).toList())
                        .append("dayCounted", true) // counted above, as the service marks what it counts
                        .append("version", 1L);
            });
            fill(db.getCollection("complaints"), complaints, i -> {
                Instant at = now.minusSeconds(random.nextInt(90 * 86_400));
                String entity = "account:bench-acct-" + random.nextInt(5_000);
                String source = SOURCES[random.nextInt(SOURCES.length)];
                String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
                String adCategory = AD_CATEGORIES[random.nextInt(AD_CATEGORIES.length)];
                // What the service counts as it records and classifies a complaint (ComplaintStore's daily tally).
                count(complaintDays, "source", day(at), source);
                count(complaintDays, "category", day(at), category);
                count(complaintDays, "adCategory", day(at), adCategory);
                return new Document("advertiserAccountId", entity.substring(8))
                        .append("source", source)
                        .append("category", category)
                        .append("description", "bench")
                        .append("reporterId", "bench-r-" + i)
                        .append("reporterKey", "bench-r-" + i)
                        .append("receivedAt", Date.from(at))
                        .append("receivedDay", day(at))
                        .append("recordedAt", Date.from(now))
                        .append("entities", List.of(entity))
                        .append("adCategories", List.of(adCategory))
                        .append("dayCounted", true)
                        .append("categoriesCounted", true);
            });
            tally(db.getCollection("decisionDays"), decisionDays);
            tally(db.getCollection("complaintDays"), complaintDays);
            fill(db.getCollection("reviewCases"), cases, i -> {
                Instant opened = now.minusSeconds(random.nextInt(5 * 86_400));
                return new Document("kind", KINDS[random.nextInt(KINDS.length)])
                        .append("state", i % 7 == 0 ? "CLAIMED" : "OPEN")
                        .append("openKey", "bench-case-" + i)
                        .append("submissionId", "bench-case-" + i)
                        .append("openedAt", Date.from(opened))
                        .append("dueAt", Date.from(opened.plus(Duration.ofHours(24))))
                        .append("version", 1L);
            });
        }
        System.out.printf(
                "fixture: %,d submissions, %,d complaints, %,d undecided cases written in %.1f s%n",
                submissions, complaints, cases, (System.nanoTime() - t0) / 1e9);

        HttpClient http = HttpClient.newHttpClient();
        String auth = "Basic " + Base64.getEncoder().encodeToString(admin.getBytes());
        for (int days : new int[] {7, 30, 90}) {
            Map<String, List<Long>> panels = new TreeMap<>();
            List<Long> pages = new ArrayList<>();
            for (int r = 0; r < rounds + 1; r++) {
                long start = System.nanoTime();
                HttpResponse<String> page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/console/dashboard?days=" + days))
                                .header("Authorization", auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (page.statusCode() != 200) {
                    throw new IllegalStateException("dashboard answered " + page.statusCode());
                }
                if (r == 0) {
                    continue; // the first load warms the caches and the JIT
                }
                pages.add(ms);
                String timings = page.body().substring(page.body().indexOf("id=\"timings\""));
                Matcher m = TIMING.matcher(timings.substring(0, timings.indexOf("</p>")));
                while (m.find()) {
                    panels.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Long.parseLong(m.group(2)));
                }
            }
            StringBuilder line = new StringBuilder(String.format("%2d days: page p50 %d ms, max %d ms;", days, p50(pages), max(pages)));
            panels.forEach((panel, ms) -> line.append(String.format(" %s p50 %d ms (max %d)", panel, p50(ms), max(ms))));
            System.out.println(line);
        }
        if (Boolean.getBoolean("load.backfill")) {
            backfill(http, base, store, auth);
        }
    }

    private static final Pattern PANEL = Pattern.compile(
            "<section class=\"card\" id=\"panel-(?:decisions|complaints-[a-z-]+|topics)\">.*?</section>",
            Pattern.DOTALL);

    /** The panels that read day counts, as the page draws them over 90 days. */
    private static String figures(HttpClient http, String base, String auth) throws Exception {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/console/dashboard?days=90"))
                                .header("Authorization", auth)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        StringBuilder out = new StringBuilder();
        Matcher m = PANEL.matcher(page);
        while (m.find()) {
            out.append(m.group());
        }
        return out.toString();
    }

    private static void backfill(HttpClient http, String base, String store, String auth) throws Exception {
        String before = figures(http, base, auth);
        try (MongoClient client = MongoClients.create(store)) {
            var db = client.getDatabase("adreview");
            db.getCollection("submissions")
                    .updateMany(new Document(), com.mongodb.client.model.Updates.unset("dayCounted"));
            db.getCollection("complaints")
                    .updateMany(
                            new Document(),
                            com.mongodb.client.model.Updates.combine(
                                    com.mongodb.client.model.Updates.unset("dayCounted"),
                                    com.mongodb.client.model.Updates.unset("categoriesCounted")));
            db.getCollection("decisionDays").deleteMany(new Document());
            db.getCollection("complaintDays").deleteMany(new Document());
        }
        long t0 = System.nanoTime();
        HttpResponse<String> started = http.send(
                HttpRequest.newBuilder(URI.create(base + "/v1/dashboard/day-counts/backfill"))
                        .header("Authorization", auth)
                        .header("Content-Type", "application/json") // the edge takes state changes as JSON only
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("backfill answered " + started.statusCode() + ": " + started.body());
        }
        String state;
        do {
            Thread.sleep(500);
            state = http.send(
                            HttpRequest.newBuilder(URI.create(base + "/v1/dashboard/day-counts"))
                                    .header("Authorization", auth)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } while (!state.contains("\"state\":\"DONE\""));
        System.out.printf("backfill: %.1f s (polled every 0.5 s): %s%n", (System.nanoTime() - t0) / 1e9, state);
        String after = figures(http, base, auth);
        System.out.println("backfill: the panels' figures "
                + (after.equals(before) ? "are the same as before" : "DIFFER from before"));
    }

    private interface Maker {
        Document make(int i);
    }

    private static void fill(MongoCollection<Document> collection, int n, Maker maker) {
        List<Document> batch = new ArrayList<>(1_000);
        for (int i = 0; i < n; i++) {
            batch.add(maker.make(i));
            if (batch.size() == 1_000) {
                collection.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            collection.insertMany(batch);
        }
    }

    private static void count(Map<String, Long> counts, String dim, String day, String value) {
        counts.merge(dim + "|" + day + "|" + value, 1L, Long::sum);
    }

    /** Raises the service's daily counts by the fixture's (upserts, as the service does). */
    private static void tally(MongoCollection<Document> collection, Map<String, Long> counts) {
        List<com.mongodb.client.model.WriteModel<Document>> writes = new ArrayList<>();
        counts.forEach((id, n) -> {
            String[] parts = id.split("\\|", 3);
            writes.add(new com.mongodb.client.model.UpdateOneModel<>(
                    new Document("_id", id),
                    com.mongodb.client.model.Updates.combine(
                            com.mongodb.client.model.Updates.setOnInsert("dim", parts[0]),
                            com.mongodb.client.model.Updates.setOnInsert("day", parts[1]),
                            com.mongodb.client.model.Updates.setOnInsert("value", parts[2]),
                            com.mongodb.client.model.Updates.inc("n", n)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            collection.bulkWrite(writes);
        }
    }

    private static String day(Instant at) {
        return at.atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static long p50(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
