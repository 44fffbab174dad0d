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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Whether the cost of one submission grows with the advertiser's history, on a running service (start
 * it on a fresh data directory, with the API-key rate limit raised so that it does not shape the
 * numbers). Two phases of N approved P2P ads (distinct ad ids) from a few threads:
 *
 * <ul>
 *   <li>one entity: every ad from one account, naming the same credit code, product and ICP domain and
 *       app id, so each submission has all the earlier ones in its entity's history;
 *   <li>64 entities: the ads spread round-robin over 64 accounts, each with identifiers of its own.
 * </ul>
 *
 * <p>Each phase reports throughput and latency percentiles of its first and last 10 % of submissions
 * (in the order they were issued) and overall. A short warm-up on distinct entities runs first, so the
 * first 10 % do not pay for the service's JIT. Exits non-zero if any submission did not answer 201.
 *
 * <pre>
 * java -Dadreview.store.embedded.data-dir=target/load-data -Dadreview.security.rate-limit.per-second=100000 \
 *     -Dadreview.security.rate-limit.burst=100000 -jar target/quarkus-app/quarkus-run.jar
 * ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.HistoryLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.ads=3000 -Dload.threads=4
 * </pre>
 *
 * <p>Properties: {@code load.url}, {@code load.ads} (per phase), {@code load.threads}, {@code load.admin}
 * (user:password of an admin, who creates the API keys), {@code load.warmup} (ads, 0 for none).
 */
public final class HistoryLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final int SPREAD = 64;
    private static final int SHOWN_FAILURES = 5;

    private HistoryLoad() {}

    public static void main(String[] args) throws Exception {
        // Properties, not arguments: the bench profile's exec configuration passes JMH's arguments.
        String base = System.getProperty("load.url", "http://localhost:8080");
        int n = Integer.getInteger("load.ads", 3000);
        int threads = Integer.getInteger("load.threads", 4);
        int warmup = Integer.getInteger("load.warmup", 1000);
        JsonNode example;
        try (InputStream in = HistoryLoad.class.getResourceAsStream("/examples/01-approved-p2p.json")) {
            example = JSON.readTree(in).get("package");
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        System.out.printf("history load on %s: %d ads per phase, %d threads, run %s%n", base, n, threads, run);

        List<Phase> phases = new ArrayList<>();
        if (warmup > 0) {
            Phase warm = submit(base, example, run, "warm", warmup, Math.min(warmup, 1000), threads);
            warm.print();
        }
        phases.add(submit(base, example, run, "one", n, 1, threads));
        phases.get(0).print();
        phases.add(submit(base, example, run, "spread", n, SPREAD, threads));
        phases.get(1).print();

        System.out.println();
        System.out.printf(
                "%-12s %6s %7s | %-23s | %-23s | %-23s%n",
                "phase", "ads", "subm/s", "first 10% p50/p90/p99", "last 10% p50/p90/p99", "all p50/p90/p99");
        for (Phase p : phases) {
            System.out.printf(
                    "%-12s %6d %7.1f | %-23s | %-23s | %-23s%n",
                    p.name,
                    p.latencies.length,
                    p.throughput(),
                    Percentiles.of(p.first()),
                    Percentiles.of(p.last()),
                    Percentiles.of(p.latencies));
        }
        System.out.println("(milliseconds per submission, client side; first/last 10 % in the order issued)");

        int failed = 0;
        for (Phase p : phases) {
            failed += p.failures.size();
        }
        if (failed > 0) {
            System.out.printf("%d submissions did not answer 201; the first of them:%n", failed);
            phases.stream()
                    .flatMap(p -> p.failures.stream())
                    .limit(SHOWN_FAILURES)
                    .forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    /**
     * Submits n ads of the given number of entities, round-robin: ad i belongs to entity i % entities.
     * Every entity has its own account, credit code, domain and app id; its API key is made beforehand.
     */
    private static Phase submit(
            String base, JsonNode example, String run, String phase, int n, int entities, int threads)
            throws Exception {
        String[] keys = new String[entities];
        for (int e = 0; e < entities; e++) {
            keys[e] = EnforcementLoad.keyFor(base, account(run, phase, e));
        }
        long[] latencies = new long[n];
        int[] codes = new int[n];
        String[] statuses = new String[n];
        List<String> failures = new ArrayList<>();

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int ad = i;
            int entity = i % entities;
            String body = ad(example, run, phase, ad, entity).toString();
            done.add(pool.submit(() -> {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/submissions"))
                        .header("Content-Type", "application/json")
                        .header("X-Api-Key", keys[entity])
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                long t = System.nanoTime();
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                latencies[ad] = System.nanoTime() - t;
                codes[ad] = r.statusCode();
                if (r.statusCode() == 201) {
                    statuses[ad] = JSON.readTree(r.body()).path("status").asText("?");
                } else {
                    synchronized (failures) {
                        failures.add(phase + " ad " + ad + ": " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        Map<String, Integer> tally = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            tally.merge(codes[i] == 201 ? statuses[i] : "HTTP " + codes[i], 1, Integer::sum);
        }
        String name = phase.equals("spread") ? SPREAD + " entities" : phase.equals("one") ? "one entity" : "warm-up";
        return new Phase(name, latencies, seconds, tally, failures);
    }

    /** The example P2P package as ad i of entity e of a phase: its own ad id, the entity's identifiers. */
    private static ObjectNode ad(JsonNode example, String run, String phase, int i, int e) {
        return BenchAds.ofEntity(example, "history", run, phase, i, e, division(phase));
    }

    private static String account(String run, String phase, int e) {
        return BenchAds.account("history", run, phase, e);
    }

    /** The division in the credit codes of a phase's entities, so that phases never share one. */
    private static String division(String phase) {
        return switch (phase) {
            case "one" -> "110108";
            case "spread" -> "440300";
            default -> "310115";
        };
    }

    /** One phase's measurements: latencies in nanoseconds, indexed by the order the ads were issued. */
    private record Phase(
            String name, long[] latencies, double seconds, Map<String, Integer> statuses, List<String> failures) {

        double throughput() {
            return latencies.length / seconds;
        }

        long[] first() {
            return Arrays.copyOfRange(latencies, 0, Math.max(1, latencies.length / 10));
        }

        long[] last() {
            return Arrays.copyOfRange(
                    latencies, latencies.length - Math.max(1, latencies.length / 10), latencies.length);
        }

        void print() {
            System.out.printf(
                    "%s: %d ads in %.1f s (%.1f/s); answers %s%n",
                    name, latencies.length, seconds, throughput(), statuses);
            StringBuilder deciles = new StringBuilder();
            int tenth = Math.max(1, latencies.length / 10);
            for (int from = 0; from + tenth <= latencies.length; from += tenth) {
                deciles.append(
                        String.format(" %.1f", Percentiles.of(Arrays.copyOfRange(latencies, from, from + tenth)).p50));
            }
            System.out.printf("  p50 ms per tenth, in order:%s%n", deciles);
        }
    }

    /** Nearest-rank percentiles, in milliseconds. */
    private record Percentiles(double p50, double p90, double p99) {

        static Percentiles of(long[] nanos) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99));
        }

        private static double rank(long[] sorted, double p) {
            int i = (int) Math.ceil(p * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
        }

        @Override
        public String toString() {
            return String.format("%.1f/%.1f/%.1f", p50, p90, p99);
        }
    }
}
