package com.adreview.bench;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.adreview.store.embedded.EmbeddedStore;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.bson.Document;

/**
 * What one complaint-surge check costs the store with many complaints: the reads SurgeService makes (a
 * category's complaints of the 90-day history window, an entity's, the periodic check's last 7 days) on an
 * in-memory embedded store holding {@code load.complaints} complaints (500,000 by default) spread over 90
 * days, 5,000 entities and four advertised categories, with ComplaintStore's indexes. Each read is timed
 * {@code load.rounds} times after one warm-up.
 *
 * <pre>
 * ./mvnw -B -ntp -o -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.SurgeQueryCost \
 *     -Dexec.classpathScope=test -Dload.complaints=500000
 * </pre>
 */
public final class SurgeQueryCost {

    private static final String[] AD_CATEGORIES = {"P2P_LENDING", "CONSUMER_CREDIT", "WEALTH_MANAGEMENT", "ECOMMERCE"};

    public static void main(String[] args) {
        int complaints = Integer.getInteger("load.complaints", 500_000);
        int rounds = Integer.getInteger("load.rounds", 5);
        Random random = new Random(20);
        Instant now = Instant.now();
        try (EmbeddedStore store = EmbeddedStore.startInMemory();
                MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("adreview").getCollection("complaints");
            c.createIndex(Indexes.descending("receivedAt", "_id"));
            c.createIndex(Indexes.ascending("receivedDay", "source"));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("adCategories"), Indexes.ascending("receivedAt")));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("entities"), Indexes.ascending("receivedAt")));
            c.createIndex(Indexes.ascending("adCategories", "receivedDay"));
            MongoCollection<Document> counts = client.getDatabase("adreview").getCollection("complaintDays");
            counts.createIndex(Indexes.ascending("dim", "day"));
            java.util.Map<String, Long> tally = new java.util.HashMap<>();
            long t0 = System.nanoTime();
            List<Document> batch = new ArrayList<>(1_000);
            for (int i = 0; i < complaints; i++) {
                Instant at = now.minusSeconds(random.nextInt(90 * 86_400));
                String adCategory = AD_CATEGORIES[random.nextInt(AD_CATEGORIES.length)];
                tally.merge(adCategory + "|" + at.atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
                batch.add(new Document("source", "USER")
                        .append("category", "FRAUD")
                        .append("receivedAt", Date.from(at))
                        .append("receivedDay", at.atZone(ZoneOffset.UTC).toLocalDate().toString())
                        .append("entities", List.of("account:bench-acct-" + random.nextInt(5_000)))
                        .append("adCategories", List.of(adCategory)));
                if (batch.size() == 1_000) {
                    c.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                c.insertMany(batch);
            }
            // The complaint day counts by advertised category, as the service keeps them.
            List<Document> days = new ArrayList<>();
            tally.forEach((k, n) -> days.add(new Document("_id", "adCategory|" + k.split("\\|")[1] + "|" + k.split("\\|")[0])
                    .append("dim", "adCategory")
                    .append("day", k.split("\\|")[1])
                    .append("value", k.split("\\|")[0])
                    .append("n", n)));
            counts.insertMany(days);
            System.out.printf("fixture: %,d complaints in %.1f s%n", complaints, (System.nanoTime() - t0) / 1e9);

            Instant end = now.plusMillis(1);
            Instant history = end.minus(Duration.ofDays(90));
            Instant recent = now.minus(Duration.ofDays(7));
            List<String> recentDays = new ArrayList<>();
            for (int d = 7; d >= 0; d--) {
                recentDays.add(now.minus(Duration.ofDays(d)).atZone(ZoneOffset.UTC).toLocalDate().toString());
            }
            time(rounds, "category check (its 90 days)", () -> c.find(and(
                            eq("adCategories", "P2P_LENDING"),
                            gte("receivedAt", Date.from(history)),
                            lt("receivedAt", Date.from(end))))
                    .projection(Projections.include("receivedAt", "entities"))
                    .into(new ArrayList<>())
                    .size());
            List<String> historyDays = new ArrayList<>();
            for (int d = 98; d >= 0; d--) {
                historyDays.add(now.minus(Duration.ofDays(d)).atZone(ZoneOffset.UTC).toLocalDate().toString());
            }
            time(rounds, "bound: day counts (98 days)", () -> counts.find(and(eq("dim", "adCategory"), in("day", historyDays)))
                    .into(new ArrayList<>())
                    .size());
            Instant firstDayEnd = recent.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            time(rounds, "bound: first recent day", () -> c.find(and(
                            eq("adCategories", "P2P_LENDING"),
                            eq("receivedDay", recent.atZone(ZoneOffset.UTC).toLocalDate().toString()),
                            gte("receivedAt", Date.from(recent)),
                            lt("receivedAt", Date.from(firstDayEnd))))
                    .projection(Projections.include("_id"))
                    .into(new ArrayList<>())
                    .size());
            time(rounds, "entity check (its 90 days)", () -> c.find(and(
                            eq("entities", "account:bench-acct-7"),
                            gte("receivedAt", Date.from(history)),
                            lt("receivedAt", Date.from(end))))
                    .projection(Projections.include("receivedAt"))
                    .into(new ArrayList<>())
                    .size());
            time(rounds, "periodic check's last 7 days", () -> c.find(and(
                            in("receivedDay", recentDays),
                            gte("receivedAt", Date.from(recent)),
                            lt("receivedAt", Date.from(end))))
                    .projection(Projections.include("receivedAt", "entities", "adCategories"))
                    .into(new ArrayList<>())
                    .size());
        }
    }

    private interface Read {
        int run();
    }

    private static void time(int rounds, String what, Read read) {
        read.run();
        List<Long> ms = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < rounds; r++) {
            long t = System.nanoTime();
            n = read.run();
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        ms.sort(Long::compare);
        System.out.printf("%-32s %,8d read (or counted): p50 %,d ms, max %,d ms%n", what, n, ms.get(ms.size() / 2), ms.get(ms.size() - 1));
    }
}
