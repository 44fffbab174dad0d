package com.adreview.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A category suspension of N live ads on a running service, timed from the suspension's 201 to its
 * sweep being DONE. Submitting 100,000 ads through the API would take longer than the sweep itself,
 * so the live ads are stored directly: one P2P ad is submitted through the API, and its stored
 * document is copied N times (new ids, accounts and ad ids) into the service's store.
 *
 * <p>Start the service on a fresh data directory with a known store port, then run this:
 *
 * <pre>
 * java -Dadreview.store.embedded.data-dir=target/load-data -Dadreview.store.embedded.port=27018 \
 *     -jar target/quarkus-app/quarkus-run.jar
 * ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.SuspensionLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.store=mongodb://127.0.0.1:27018 \
 *     -Dload.ads=100000
 * </pre>
 */
public final class SuspensionLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuspensionLoad() {}

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("load.url", "http://localhost:8080");
        String store = System.getProperty("load.store", "mongodb://127.0.0.1:27018");
        int n = Integer.getInteger("load.ads", 100_000);

        JsonNode example;
        try (InputStream in = SuspensionLoad.class.getResourceAsStream("/examples/01-approved-p2p.json")) {
            example = JSON.readTree(in).get("package");
        }
        ObjectNode ad = example.deepCopy();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        ad.put("adId", "suspension-load-" + run);
        String account = ad.get("advertiser").get("accountId").asText();
        String template = EnforcementLoad.post(
                        base + "/v1/submissions", ad.toString(), "key:" + EnforcementLoad.keyFor(base, account))
                .get("id")
                .asText();

        try (MongoClient client = MongoClients.create(store)) {
            MongoCollection<Document> submissions = client.getDatabase("adreview").getCollection("submissions");
            Document doc = submissions.find(Filters.eq("_id", new ObjectId(template))).first();
            if (doc == null || !"APPROVED".equals(doc.getString("status"))) {
                throw new IllegalStateException("the template ad was not stored as APPROVED: " + doc);
            }
            doc.remove("outbox");
            // -Dload.rounds: store, suspend, sweep and lift this many times over (each round its own copies), each
            // round printed: the last is a warm service's figure (see IntakeLoad). Default 1.
            int rounds = Integer.getInteger("load.rounds", 1);
            for (int round = 1; round <= rounds; round++) {
                if (rounds > 1) {
                    System.out.printf("round %d of %d%n", round, rounds);
                }
                String id = sweep(base, submissions, doc, run + "-" + round, n);
                if (round < rounds) {
                    EnforcementLoad.delete(base + "/v1/suspensions/" + id);
                }
            }
            long live = submissions.countDocuments(Filters.and(
                    Filters.eq("category", "P2P_LENDING"), Filters.eq("status", "APPROVED"), Filters.eq("current", true)));
            long feed = client.getDatabase("adreview").getCollection("adChanges").countDocuments(Filters.eq("to", "PULLED"));
            long audited = client.getDatabase("adreview").getCollection("auditEvents").countDocuments(Filters.eq("action", "STATUS_CHANGED"));
            System.out.printf("left live: %d; PULLED entries in the feed: %d; status changes audited: %d%n", live, feed, audited);
        }
    }

    /** Stores n live copies of the template, suspends P2P and waits for its sweep: the suspension's id. */
    private static String sweep(
            String base, MongoCollection<Document> submissions, Document doc, String run, int n) throws Exception {
            long start = System.nanoTime();
        List<Document> batch = new ArrayList<>(1_000);
        for (int i = 0; i < n; i++) {
            Document copy = new Document(doc);
            copy.put("_id", new ObjectId());
            copy.put("accountId", "load-" + run + "-" + i);
            copy.put("adId", "load-ad-" + run + "-" + i);
            batch.add(copy);
            if (batch.size() == 1_000) {
                submissions.insertMany(batch);
                batch = new ArrayList<>(1_000);
            }
        }
        if (!batch.isEmpty()) {
            submissions.insertMany(batch);
        }
        System.out.printf("stored %d live P2P ads in %.1f s%n", n, (System.nanoTime() - start) / 1e9);

        long t0 = System.nanoTime();
        String id = EnforcementLoad.post(
                        base + "/v1/suspensions",
                        "{\"category\":\"P2P_LENDING\",\"reason\":\"suspension load\"}",
                        EnforcementLoad.ADMIN)
                .get("id")
                .asText();
        JsonNode s;
        long lastReport = 0;
        do {
            Thread.sleep(250);
            s = EnforcementLoad.get(base + "/v1/suspensions/" + id);
            long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
            if (elapsed >= lastReport + 5) {
                lastReport = elapsed;
                System.out.printf("  %3d s: %d pulled%n", elapsed, s.get("pulled").asLong());
            }
        } while (!"DONE".equals(s.get("sweep").asText()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        long pulled = s.get("pulled").asLong();
        System.out.printf(
                "suspension sweep: %d ads pulled in %.1f s (%.0f ads/s)%n", pulled, seconds, pulled / seconds);
        return id;
    }
}
