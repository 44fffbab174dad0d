package com.adreview.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Load on a running service (start it with the README command on a fresh data directory): submits
 * N P2P ads of N distinct entities from 4 threads, measures complaint-to-pull latency (a regulator
 * complaint's round trip, which includes the pull, then the ad read back as PULLED), and the time a
 * P2P suspension takes to pull the rest.
 *
 * <pre>./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.EnforcementLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.ads=1000</pre>
 */
public final class EnforcementLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EnforcementLoad() {}

    public static void main(String[] args) throws Exception {
        // Properties, not arguments: the bench profile's exec configuration passes JMH's arguments.
        String base = System.getProperty("load.url", "http://localhost:8080");
        int n = Integer.getInteger("load.ads", 1000);
        JsonNode example;
        try (InputStream in = EnforcementLoad.class.getResourceAsStream("/examples/01-approved-p2p.json")) {
            example = JSON.readTree(in).get("package");
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);

        // -Dload.rounds: submit and complain this many times over (fresh entities each round) before the
        // suspension, each round printed: the last is the figure of a warm service (a JVM a minute old is still
        // compiling; see IntakeLoad). Default 1.
        int rounds = Integer.getInteger("load.rounds", 1);
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                System.out.printf("round %d of %d%n", round, rounds);
            }
            // Each round its own run number: the entities' credit codes are made from it.
            complaintsToPulls(base, example, Long.toString((Long.parseLong(run) + round - 1) % 1_000_000), n);
        }

        long t = System.nanoTime();
        String suspension = post(base + "/v1/suspensions", "{\"category\":\"P2P_LENDING\",\"reason\":\"load\"}", ADMIN)
                .get("id")
                .asText();
        JsonNode state;
        do {
            Thread.sleep(100);
            state = get(base + "/v1/suspensions/" + suspension);
        } while (!"DONE".equals(state.get("sweep").asText()));
        double seconds = (System.nanoTime() - t) / 1e9;
        long pulled = state.get("pulled").asLong();
        System.out.printf("suspension: %d live ads pulled in %.1f s (%.0f/s)%n", pulled, seconds, pulled / seconds);
        get(base + "/v1/suspensions"); // keeps the service warm for a rerun; lift it by hand to reuse the data
    }

    /** Submits n ads of n entities of the run, then complains about the first ones: complaint to pull visible. */
    private static void complaintsToPulls(String base, JsonNode example, String run, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> ids = new ArrayList<>();
        long start = System.nanoTime();
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Entity i's own account, credit code, domains and app id: an identifier another account holds would
            // escalate the package as an identity conflict instead of putting it live.
            ObjectNode ad = BenchAds.ofEntity(example, "enforcement", run, "e", i, i, "510104");
            domains.add(ad.get("product").get("domain").asText());
            String account = ad.get("advertiser").get("accountId").asText();
            ids.add(pool.submit(() -> post(base + "/v1/submissions", ad.toString(), "key:" + keyFor(base, account))
                    .get("id")
                    .asText()));
        }
        List<String> submissions = new ArrayList<>();
        for (Future<String> id : ids) {
            submissions.add(id.get());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("submissions: %d in %.1f s (%.0f/s, 4 threads)%n", n, seconds, n / seconds);

        List<Double> latencies = new ArrayList<>();
        // -Dload.pause: milliseconds between complaints (default none), to tell a complaint's own latency from
        // the background work the one before it left running.
        long pause = Long.getLong("load.pause", 0);
        // -Dload.complaints: how many complaints, each on its own ad (default 50; more for a steadier p50).
        int complaints = Math.min(Integer.getInteger("load.complaints", 50), n);
        for (int i = 0; i < complaints; i++) {
            if (pause > 0) {
                Thread.sleep(pause);
            }
            long t = System.nanoTime();
            post(base + "/v1/complaints", "{\"subject\":{\"domain\":\"" + domains.get(i) + "\"},\"source\":\"REGULATOR\","
                    + "\"category\":\"FRAUD\",\"description\":\"load\"}", ADMIN);
            String status = get(base + "/v1/submissions/" + submissions.get(i)).get("status").asText();
            latencies.add((System.nanoTime() - t) / 1e6);
            if (!"PULLED".equals(status)) {
                throw new IllegalStateException("not pulled after its complaint: " + submissions.get(i) + " is " + status);
            }
        }
        Collections.sort(latencies);
        System.out.printf(
                "complaint to pull visible: p50 %.1f ms, p90 %.1f ms, max %.1f ms (%d complaints)%n",
                latencies.get(latencies.size() / 2), latencies.get(latencies.size() * 9 / 10), latencies.get(latencies.size() - 1),
                latencies.size());
    }

    /** The development admin (the one-command run's); -Dload.admin=user:password for another. */
    static final String ADMIN = "Basic "
            + java.util.Base64.getEncoder()
                    .encodeToString(System.getProperty("load.admin", "admin:admin").getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private static final java.util.Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A gateway key for the account, created by the admin the first time. */
    static String keyFor(String base, String account) throws Exception {
        String key = KEYS.get(account);
        if (key == null) {
            key = post(base + "/v1/api-keys", "{\"accountId\":\"" + account + "\",\"label\":\"load\"}", ADMIN)
                    .get("key")
                    .asText();
            KEYS.put(account, key);
        }
        return key;
    }

    /** @param auth {@code key:<api key>} for a gateway, or an Authorization header value */
    static JsonNode post(String url, String body, String auth) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth.startsWith("key:")) {
            request.header("X-Api-Key", auth.substring(4));
        } else {
            request.header("Authorization", auth);
        }
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static JsonNode get(String url) throws Exception {
        return JSON.readTree(HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).header("Authorization", ADMIN).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
    }

    /** An admin's DELETE (a suspension's lift), which must answer 200; sent as JSON, as the API asks of it. */
    static JsonNode delete(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", ADMIN)
                        .header("Content-Type", "application/json")
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
