package com.adreview.bench;

import com.adreview.simulation.CandidateArchives;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * A policy simulation of N live ads on a running service, timed from the simulation's 201 to DONE. As
 * for {@link SuspensionLoad}, the live ads are stored directly: one P2P ad is submitted through the
 * API and its stored document copied N times (new ids, accounts and ad ids) into the service's store;
 * every tenth copy states a registered capital of CNY 60,000,000, which the candidate (the shipped pack
 * with the P2P minimum raised to 60,000,001) would pull.
 *
 * <pre>
 * java -Dadreview.store.embedded.data-dir=target/load-data -Dadreview.store.embedded.port=27018 \
 *     -jar target/quarkus-app/quarkus-run.jar
 * ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.SimulationLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.store=mongodb://127.0.0.1:27018 \
 *     -Dload.ads=100000
 * </pre>
 */
public final class SimulationLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ADMIN =
            "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    private SimulationLoad() {}

    public static void main(String[] args) throws Exception {
        String base = System.getProperty("load.url", "http://localhost:8080");
        String store = System.getProperty("load.store", "mongodb://127.0.0.1:27018");
        int n = Integer.getInteger("load.ads", 100_000);

        JsonNode example;
        try (InputStream in = SimulationLoad.class.getResourceAsStream("/examples/01-approved-p2p.json")) {
            example = JSON.readTree(in).get("package");
        }
        ObjectNode ad = example.deepCopy();
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        ad.put("adId", "simulation-load-" + run);
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
            long start = System.nanoTime();
            List<Document> batch = new ArrayList<>(1_000);
            long belowNewMinimum = 0;
            for (int i = 0; i < n; i++) {
                Document copy = new Document(doc);
                copy.put("_id", new ObjectId());
                copy.put("accountId", "load-" + run + "-" + i);
                copy.put("adId", "load-ad-" + i);
                if (i % 10 == 0) {
                    Document pkg = new Document(doc.get("adPackage", Document.class));
                    Document advertiser = new Document(pkg.get("advertiser", Document.class));
                    Document capital = new Document(advertiser.get("registeredCapital", Document.class));
                    capital.put("amount", 60_000_000L);
                    advertiser.put("registeredCapital", capital);
                    advertiser.put("accountId", "load-" + run + "-" + i);
                    pkg.put("advertiser", advertiser);
                    copy.put("adPackage", pkg);
                    belowNewMinimum++;
                }
                batch.add(copy);
                if (batch.size() == 1_000) {
                    submissions.insertMany(batch);
                    batch = new ArrayList<>(1_000);
                }
            }
            if (!batch.isEmpty()) {
                submissions.insertMany(batch);
            }
            System.out.printf(
                    "stored %d live P2P ads (%d below the new minimum) in %.1f s%n",
                    n, belowNewMinimum, (System.nanoTime() - start) / 1e9);

            byte[] candidate = CandidateArchives.p2pCapitalRaisedTo(60_000_001L);
            long t0 = System.nanoTime();
            HttpResponse<String> created = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/v1/policy/simulations"))
                            .header("Authorization", ADMIN)
                            .header("Content-Type", "application/zip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(candidate))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("simulation refused: " + created.statusCode() + " " + created.body());
            }
            String id = JSON.readTree(created.body()).get("id").asText();
            JsonNode s;
            long lastReport = 0;
            do {
                Thread.sleep(250);
                s = JSON.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(base + "/v1/policy/simulations/" + id))
                                        .header("Authorization", ADMIN)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body());
                long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
                if (elapsed >= lastReport + 5) {
                    lastReport = elapsed;
                    System.out.printf("  %3d s: %d decided%n", elapsed, s.at("/progress/decided").asLong());
                }
            } while (List.of("QUEUED", "RUNNING").contains(s.get("state").asText()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            long decided = s.at("/live/decided").asLong();
            System.out.printf(
                    "simulation %s: %d live ads decided under both packs in %.1f s (%.0f ads/s); %d affected: %s%n",
                    s.get("state").asText(), decided, seconds, decided / seconds, s.at("/live/affected").asLong(),
                    s.at("/live/transitions"));
        }
    }
}
