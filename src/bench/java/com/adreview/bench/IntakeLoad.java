package com.adreview.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Intake against the HTTP stack and a plain read, side by side in one run, on a running service (start
 * it on a fresh data directory with the API-key rate limit and its requests at once raised, so that the
 * limits do not shape the numbers): the four rows of issue 16, each for a fixed time from N
 * connections, and the ratios the issue sets targets for, and batch intake ({@code load.batch} packages per
 * request, 100 by default) in packages per second.
 *
 * <ul>
 *   <li>{@code GET /q/health/live}: the HTTP stack alone;
 *   <li>{@code GET /v1/submissions/{id}} with a gateway's API key: authentication and one read;
 *   <li>{@code POST /v1/submissions}, ads of 64 entities in turn (each its own account, key, credit
 *       code, domain and app id);
 *   <li>{@code POST /v1/submissions}, every ad on one entity (its history grows through the row);
 *   <li>{@code POST /v1/submissions} from one connection, one after another: a lone submission's latency;
 *   <li>{@code POST /v1/submissions} offered at {@code load.rate} per second (open loop, 64 connections,
 *       latency from each request's due time): the p99 at a given load;
 *   <li>{@code POST /v1/submissions/batch}.
 * </ul>
 *
 * <p>Each row first runs unmeasured for the warm-up time, then for the measured time; it reports
 * requests per second, mean latency and, for the submissions, p50 and p99 (client side, nearest rank),
 * and the CPU the service (given its pid), the client and the whole machine used: on a machine shared
 * by client and service, a client near a whole core would be taking the service's CPU. The client is
 * one plain keep-alive HTTP/1.1 socket per thread, each request written as prepared bytes, so that it
 * costs far less than the service does. Exits non-zero if any answer was not the expected 200 or 201.
 *
 * <pre>
 * java -Dadreview.store.embedded.data-dir=target/load-data -Dadreview.security.rate-limit.per-second=100000 \
 *     -Dadreview.security.rate-limit.burst=100000 -Dadreview.security.rate-limit.max-in-flight=1000 \
 *     -jar target/quarkus-app/quarkus-run.jar &
 * ./mvnw -Pbench -DskipTests test-compile exec:java -Dexec.mainClass=com.adreview.bench.IntakeLoad \
 *     -Dexec.classpathScope=test -Dload.url=http://localhost:8080 -Dload.seconds=20 -Dload.threads=16 \
 *     -Dload.pid=$!
 * </pre>
 *
 * <p><b>A warm service.</b> A JVM a few seconds old is still compiling the service's code: on 2 cores the JIT's
 * compiler threads took a quarter of the service's CPU 12 to 22 s into a row, and the same build answered 430
 * submissions/s then against 1,100/s a minute later. A service runs for days, so its figures are those of a
 * warm JVM: with {@code load.settle} seconds (given {@code load.pid}) the load first runs the rows' requests in
 * turn, five seconds each (reads, submissions over 64 entities and on the one entity, batches: those of the
 * rows asked for), until a whole turn kept the compiler threads under {@code load.settle-quiet} of the service's
 * CPU (default 0.05), or for at most {@code load.settle} seconds; it prints each turn's share. Every row prints its own ("jit"), so a
 * figure taken while the JIT was busy shows it. Given the pid, {@code load.settle} is 240 by default; without it,
 * 0 (nothing to watch), and {@code load.settle=0} measures a JVM as it is.
 *
 * <p>Properties: {@code load.url}, {@code load.seconds} (measured, per row; default 20), {@code
 * load.warmup} (seconds per row before it; default 5), {@code load.timeline} (the paced row also prints, per second, its
 * requests slower than its p99, to tell a stall from a slow row), {@code load.settle} (at most this many seconds of
 * warm-up of the whole service before the rows, until the JIT is quiet; default 240 given {@code load.pid},
 * else 0), {@code load.settle-quiet} (the compiler threads' share of the service's CPU that counts as quiet;
 * 0.05), {@code load.threads} (connections; default 16),
 * {@code load.history} (ads put on the one entity before its row; default 0), {@code load.rows} (which rows, by
 * name: health, read, spread, one, lone, paced, batch; default all), {@code load.rate} (the paced row's
 * offered submissions per second over 64 connections, open loop; default 500), {@code load.pid} (the
 * service's process id, to tell the CPU it used; Linux), {@code load.admin} (user:password of an admin,
 * who creates the API keys).
 */
public final class IntakeLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SPREAD = 64;
    private static final int SHOWN_FAILURES = 5;
    /** The service's process id, to tell its CPU (Linux); -1 when not given. */
    private static final long SERVICE_PID = Long.getLong("load.pid", -1);
    /** Whether the paced row also prints, per second, its requests slower than its p99 ({@link Row#timeline}). */
    private static final boolean TIMELINE = Boolean.getBoolean("load.timeline");
    /** Clock ticks per second in /proc (USER_HZ): 100 on Linux. */
    private static final double TICKS = 100;

    private IntakeLoad() {}

    public static void main(String[] args) throws Exception {
        // Properties, not arguments: the bench profile's exec configuration passes JMH's arguments.
        URI base = URI.create(System.getProperty("load.url", "http://localhost:8080"));
        int seconds = Integer.getInteger("load.seconds", 20);
        int warmup = Integer.getInteger("load.warmup", 5);
        int threads = Integer.getInteger("load.threads", 16);
        int history = Integer.getInteger("load.history", 0);
        int batchSize = Integer.getInteger("load.batch", 100);
        int settle = Integer.getInteger("load.settle", SERVICE_PID < 0 ? 0 : 240);
        double quiet = Double.parseDouble(System.getProperty("load.settle-quiet", "0.05"));
        double paced = Double.parseDouble(System.getProperty("load.rate", "500"));
        JsonNode example;
        try (InputStream in = IntakeLoad.class.getResourceAsStream("/examples/01-approved-p2p.json")) {
            example = JSON.readTree(in).get("package");
        }
        String run = Long.toString(System.currentTimeMillis() % 1_000_000);
        System.out.printf(
                "intake load on %s: %d s per row after %d s of warm-up, %d connections, run %s%n",
                base, seconds, warmup, threads, run);

        String url = base.toString();
        String[] spreadKeys = new String[SPREAD];
        for (int e = 0; e < SPREAD; e++) {
            spreadKeys[e] = EnforcementLoad.keyFor(url, account(run, "spread", e));
        }
        String[] batchKeys = new String[SPREAD];
        for (int e = 0; e < SPREAD; e++) {
            batchKeys[e] = EnforcementLoad.keyFor(url, account(run, "batch", e));
        }
        String oneKey = EnforcementLoad.keyFor(url, account(run, "one", 0));
        String readKey = EnforcementLoad.keyFor(url, account(run, "read", 0));
        String readId = EnforcementLoad.post(
                        url + "/v1/submissions", ad(example, run, "read", 0, 0).toString(), "key:" + readKey)
                .get("id")
                .asText();

        AtomicLong spreadAds = new AtomicLong();
        AtomicLong oneAds = new AtomicLong();
        byte[] healthRequest = request(base, "GET", "/q/health/live", null, null);
        byte[] readRequest = request(base, "GET", "/v1/submissions/" + readId, readKey, null);
        LongFunction<byte[]> spread = i -> {
            long n = spreadAds.getAndIncrement();
            int entity = (int) (n % SPREAD);
            return request(
                    base,
                    "POST",
                    "/v1/submissions",
                    spreadKeys[entity],
                    ad(example, run, "spread", n, entity).toString());
        };
        LongFunction<byte[]> one = i -> request(
                base,
                "POST",
                "/v1/submissions",
                oneKey,
                ad(example, run, "one", oneAds.getAndIncrement(), 0).toString());

        AtomicLong batchAds = new AtomicLong();
        LongFunction<byte[]> batch = i -> {
            long n = batchAds.getAndAdd(batchSize);
            int entity = (int) ((n / batchSize) % SPREAD);
            StringBuilder body = new StringBuilder("{\"items\":[");
            for (int k = 0; k < batchSize; k++) {
                body.append(k == 0 ? "" : ",").append(ad(example, run, "batch", n + k, entity));
            }
            return request(base, "POST", "/v1/submissions/batch", batchKeys[entity], body.append("]}").toString());
        };

        // load.rows picks rows by name, e.g. to profile one of them alone.
        List<String> wanted = List.of(System.getProperty("load.rows", "health,read,spread,one,lone,paced,batch").split(","));
        if (settle > 0) {
            // The requests of the rows asked for (a build without batches is warmed and measured without them).
            List<Turn> turns = new ArrayList<>();
            if (wanted.contains("read")) {
                turns.add(new Turn("reads", i -> readRequest, 200));
            }
            if (wanted.contains("spread") || wanted.contains("lone") || wanted.contains("paced")) {
                turns.add(new Turn("64 entities", spread, 201));
            }
            if (wanted.contains("one")) {
                turns.add(new Turn("one entity", one, 201));
            }
            if (wanted.contains("batch")) {
                turns.add(new Turn("batches", batch, 200));
            }
            settleJit(base, turns, threads, settle, quiet);
        }

        if (history > 0) {
            System.out.printf("putting %d earlier ads on the one entity…%n", history);
            Row earlier = Row.count(base, "history", one, 201, threads, history);
            System.out.printf("  %s%n", earlier.summary());
        }

        Map<String, Row> byName = new java.util.LinkedHashMap<>();
        if (wanted.contains("health")) {
            byName.put("health", Row.timed(base, "GET /q/health/live", i -> healthRequest, 200, threads, warmup, seconds));
        }
        if (wanted.contains("read")) {
            byName.put("read", Row.timed(base, "GET /v1/submissions/{id}", i -> readRequest, 200, threads, warmup, seconds));
        }
        if (wanted.contains("spread")) {
            byName.put("spread", Row.timed(base, "POST /v1/submissions, 64 entities", spread, 201, threads, warmup, seconds));
        }
        if (wanted.contains("one")) {
            byName.put("one", Row.timed(base, "POST /v1/submissions, one entity", one, 201, threads, warmup, seconds));
        }
        if (wanted.contains("lone")) {
            byName.put("lone", Row.timed(base, "POST /v1/submissions, lone (1 conn.)", spread, 201, 1, warmup, seconds));
        }
        if (wanted.contains("paced")) {
            byName.put("paced", Row.paced(
                    base, String.format("POST /v1/submissions, %.0f/s offered", paced), spread, 201, 64, paced,
                    warmup, seconds));
        }
        if (wanted.contains("batch")) {
            byName.put("batch", Row.timed(
                    base, "POST /v1/submissions/batch (" + batchSize + ")", batch, 200, threads, warmup, seconds));
        }
        List<Row> rows = new ArrayList<>(byName.values());

        System.out.println();
        System.out.printf(
                "%-36s %9s %9s %9s %9s %8s %8s %9s %9s %5s  %s%n",
                "row", "req/s", "mean ms", "p50 ms", "p99 ms", "service", "client", "machine", "cpu ms/req", "jit",
                "answers");
        for (Row r : rows) {
            boolean submits = r.name.startsWith("POST");
            System.out.printf(
                    "%-36s %9.0f %9.2f %9s %9s %8s %8s %9s %9s %5s  %s%n",
                    r.name,
                    r.throughput(),
                    r.mean(),
                    submits ? String.format("%.1f", r.percentile(0.50)) : "",
                    submits ? String.format("%.1f", r.percentile(0.99)) : "",
                    r.serviceCores < 0 ? "?" : String.format("%.2f", r.serviceCores),
                    String.format("%.2f", r.clientCores),
                    r.machineBusy < 0 ? "?" : String.format("%.0f%%", r.machineBusy * 100),
                    r.serviceCores < 0 ? "?" : String.format("%.3f", 1000 * r.serviceCores / r.throughput()),
                    r.jitShare < 0 ? "?" : String.format("%.0f%%", r.jitShare * 100),
                    r.answers);
        }
        System.out.printf(
                "(service, client: CPU cores the service (-Dload.pid) and this load used; machine: busy share of all"
                        + " %d cores, service and client and anything else; cpu ms/req: the service's CPU per"
                        + " request; jit: the share of the service's CPU its JIT compiler threads took)%n",
                Runtime.getRuntime().availableProcessors());
        if (byName.containsKey("read") && byName.containsKey("spread")) {
            System.out.printf(
                    "64-entity intake / single read: %.3f (issue 16: at least 0.5)%n",
                    byName.get("spread").throughput() / byName.get("read").throughput());
        }
        if (byName.containsKey("spread") && byName.containsKey("one")) {
            System.out.printf(
                    "one entity / 64 entities:       %.3f (issue 16: at least 0.8)%n",
                    byName.get("one").throughput() / byName.get("spread").throughput());
        }
        if (byName.containsKey("lone")) {
            System.out.printf(
                    "lone submission p50: %.1f ms (issue 16: at most 5)%n", byName.get("lone").percentile(0.50));
        }
        if (byName.containsKey("paced")) {
            Row r = byName.get("paced");
            System.out.printf(
                    "at %.0f/s offered: %.0f/s answered, p99 %.1f ms (issue 16: at most 50)%n",
                    paced, r.throughput(), r.percentile(0.99));
        }
        if (byName.containsKey("batch")) {
            double batched = byName.get("batch").throughput() * batchSize;
            System.out.printf(
                    "batch: %.0f packages/s in batches of %d (issue 16: at least 3,000)%s%n",
                    batched,
                    batchSize,
                    byName.containsKey("spread")
                            ? String.format("; / 64-entity intake: %.2f", batched / byName.get("spread").throughput())
                            : "");
        }
        System.out.printf("submissions on the one entity by the end: %d%n", oneAds.get());

        List<String> failures = rows.stream().flatMap(r -> r.failures.stream()).toList();
        long failed = rows.stream().mapToLong(r -> r.failed).sum();
        if (failed > 0) {
            System.out.printf("%d answers were not the expected status; the first of them:%n", failed);
            failures.stream().limit(SHOWN_FAILURES).forEach(f -> System.out.println("  " + f));
            System.exit(1);
        }
    }

    /** One kind of request the warm-up runs in turn with the others. */
    private record Turn(String name, LongFunction<byte[]> requests, int expected) {}

    private static final int TURN_SECONDS = 5;

    /**
     * Warms the whole service before the rows: runs each turn's requests for {@value #TURN_SECONDS} s in
     * turn until one whole round of them kept the JIT's compiler threads under {@code quiet} of the service's
     * CPU, or {@code maxSeconds} have gone. Without the service's pid there is nothing to watch: it runs for
     * {@code maxSeconds}.
     */
    private static void settleJit(URI base, List<Turn> turns, int threads, int maxSeconds, double quiet)
            throws Exception {
        long begin = System.nanoTime();
        long deadline = begin + maxSeconds * 1_000_000_000L;
        int round = 0;
        while (System.nanoTime() < deadline) {
            round++;
            long service = Row.serviceTicks();
            long jit = Row.compilerTicks();
            long answered = 0;
            for (Turn turn : turns) {
                Row r;
                try (Connections connections = new Connections(threads)) {
                    r = Row.run(
                            base,
                            "warm-up, " + turn.name(),
                            turn.requests(),
                            turn.expected(),
                            threads,
                            Math.min(deadline, System.nanoTime() + TURN_SECONDS * 1_000_000_000L),
                            -1,
                            0,
                            connections);
                }
                if (r.failed > 0) {
                    throw new IllegalStateException("warm-up, " + turn.name() + ": " + r.failures);
                }
                answered += r.latencies.length;
            }
            long serviceAfter = Row.serviceTicks();
            long jitAfter = Row.compilerTicks();
            if (service < 0 || jit < 0 || serviceAfter <= service || jitAfter < 0) {
                System.out.printf("warm-up round %d: %d requests (no pid: the JIT is not watched)%n", round, answered);
                continue;
            }
            double share = (double) (jitAfter - jit) / (serviceAfter - service);
            System.out.printf(
                    "warm-up round %d: %d requests, the JIT took %.1f%% of the service's CPU%n",
                    round, answered, share * 100);
            if (share < quiet) {
                System.out.printf(
                        "warm: the JIT under %.0f%% of the service's CPU after %.0f s%n",
                        quiet * 100, (System.nanoTime() - begin) / 1e9);
                return;
            }
        }
        System.out.printf(
                "warm-up stopped after %.0f s with the JIT still above %.0f%% (load.settle)%n",
                (System.nanoTime() - begin) / 1e9, quiet * 100);
    }

    /** The example P2P package as ad i of entity e of a row: its own ad id, the entity's identifiers. */
    private static ObjectNode ad(JsonNode example, String run, String row, long i, int e) {
        return BenchAds.ofEntity(example, "intake", run, row, i, e, division(row));
    }

    private static String account(String run, String row, int e) {
        return BenchAds.account("intake", run, row, e);
    }

    /**
     * The division in the credit codes of a row's entities, so that rows never share one: a credit code is
     * made of the division, the run and the entity's number, and two accounts naming one credit code are an
     * identity conflict, escalated to a reviewer. (Until 2026-12-07 the batch row shared the read row's
     * division, so every batch of its entity 0, one in 64, was escalated whole: the batch row's p99 of 5 s.)
     */
    private static String division(String row) {
        return switch (row) {
            case "one" -> "320506";
            case "spread" -> "330106";
            case "batch" -> "440305";
            default -> "420106";
        };
    }

    /** An HTTP/1.1 request as bytes, kept alive; with the gateway's key when given, and a JSON body when given. */
    private static byte[] request(URI base, String method, String path, String key, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder()
                .append(method)
                .append(' ')
                .append(path)
                .append(" HTTP/1.1\r\nHost: ")
                .append(base.getHost())
                .append(':')
                .append(base.getPort())
                .append("\r\nAccept: application/json\r\n");
        if (key != null) {
            head.append("X-Api-Key: ").append(key).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ")
                    .append(content.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(h, h.length + content.length);
        System.arraycopy(content, 0, out, h.length, content.length);
        return out;
    }

    /** A row's open connections, one per worker, kept from its warm-up to its measured run. */
    private static final class Connections implements AutoCloseable {
        final Socket[] sockets;
        final InputStream[] ins;

        Connections(int n) {
            sockets = new Socket[n];
            ins = new InputStream[n];
        }

        @Override
        public void close() {
            for (Socket socket : sockets) {
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException e) {
                        // closing after the row
                    }
                }
            }
        }
    }

    /** One row's measurements: latencies in nanoseconds of every measured request, answers by status. */
    private static final class Row {

        final String name;
        final long[] latencies;
        final double seconds;
        final Map<String, Long> answers;
        final long failed;
        final List<String> failures;
        final double serviceCores;
        final double clientCores;
        final double machineBusy;
        final double jitShare;
        /** Every measured request as {sent, latency} (nanoseconds; sent from the row's start). */
        final long[][] byTime;

        private Row(
                String name,
                Worker[] workers,
                double seconds,
                double serviceCores,
                double clientCores,
                double machineBusy,
                double jitShare) {
            this.name = name;
            this.jitShare = jitShare;
            this.seconds = seconds;
            this.serviceCores = serviceCores;
            this.clientCores = clientCores;
            this.machineBusy = machineBusy;
            int n = 0;
            for (Worker w : workers) {
                n += w.count;
            }
            latencies = new long[n];
            long[][] byTime = new long[n][];
            int next = 0;
            for (Worker w : workers) {
                for (int i = 0; i < w.count; i++) {
                    byTime[next++] = new long[] {w.sent[i], w.latencies[i]};
                }
            }
            this.byTime = byTime;
            answers = new TreeMap<>();
            failures = new ArrayList<>();
            long bad = 0;
            int at = 0;
            for (Worker w : workers) {
                System.arraycopy(w.latencies, 0, latencies, at, w.count);
                at += w.count;
                w.answers.forEach((k, v) -> answers.merge(k, v, Long::sum));
                bad += w.failed;
                failures.addAll(w.failures);
            }
            failed = bad;
            Arrays.sort(latencies);
        }

        /** Runs the row unmeasured for the warm-up, then measured for the given time. */
        static Row timed(
                URI base,
                String name,
                LongFunction<byte[]> requests,
                int expected,
                int threads,
                int warmupSeconds,
                int seconds)
                throws Exception {
            // The measured part goes on over the warm-up's connections, as a client in its steady state does.
            try (Connections connections = new Connections(threads)) {
                if (warmupSeconds > 0) {
                    run(base, name, requests, expected, threads, System.nanoTime() + warmupSeconds * 1_000_000_000L, -1, 0,
                            connections);
                }
                Row row = run(base, name, requests, expected, threads, System.nanoTime() + seconds * 1_000_000_000L, -1, 0,
                        connections);
                System.out.printf("%s%n", row.summary());
                return row;
            }
        }

        /**
         * Offers requests at a fixed rate (open loop) over enough connections that a slow answer never
         * holds the next one back: what a p99 "at 500/s offered" means.
         */
        static Row paced(
                URI base,
                String name,
                LongFunction<byte[]> requests,
                int expected,
                int connections,
                double perSecond,
                int warmupSeconds,
                int seconds)
                throws Exception {
            long interval = Math.round(1e9 / perSecond);
            // The measured part goes on over the warm-up's connections: opened afresh, all 64 at once, they put
            // the connections' set-up into its first second (a stall of 100-160 ms there, 1 % of the row by itself).
            try (Connections open = new Connections(connections)) {
                if (warmupSeconds > 0) {
                    run(base, name, requests, expected, connections, System.nanoTime() + warmupSeconds * 1_000_000_000L,
                            -1, interval, open);
                }
                Row row = run(base, name, requests, expected, connections, System.nanoTime() + seconds * 1_000_000_000L,
                        -1, interval, open);
                System.out.printf("%s%n", row.summary());
                if (TIMELINE) {
                    System.out.printf("%s%n", row.timeline());
                }
                return row;
            }
        }

        /** Makes n requests, as fast as they are answered. */
        static Row count(URI base, String name, LongFunction<byte[]> requests, int expected, int threads, long n)
                throws Exception {
            try (Connections connections = new Connections(threads)) {
                return run(base, name, requests, expected, threads, Long.MAX_VALUE, n, 0, connections);
            }
        }

        private static Row run(
                URI base,
                String name,
                LongFunction<byte[]> requests,
                int expected,
                int threads,
                long deadline,
                long total,
                long interval,
                Connections connections)
                throws Exception {
            AtomicLong issued = new AtomicLong();
            Worker[] workers = new Worker[threads];
            CountDownLatch done = new CountDownLatch(threads);
            long cpu = processCpuNanos();
            long[] machine = machineTicks();
            long service = serviceTicks();
            long jit = compilerTicks();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                workers[t] = new Worker(
                        base, requests, expected, deadline, total, issued, done, interval, start, connections, t);
                Thread thread = new Thread(workers[t], "load-" + t);
                thread.setDaemon(true);
                thread.start();
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cores = (processCpuNanos() - cpu) / 1e9 / seconds;
            long serviceAfter = serviceTicks();
            long jitAfter = compilerTicks();
            double serviceCores = service < 0 || serviceAfter < 0 ? -1 : (serviceAfter - service) / TICKS / seconds;
            double jitShare = service < 0 || serviceAfter <= service || jit < 0 || jitAfter < 0
                    ? -1
                    : Math.max(0, (double) (jitAfter - jit) / (serviceAfter - service));
            long[] after = machineTicks();
            double busy = machine == null || after == null || after[1] == machine[1]
                    ? -1
                    : (double) (after[0] - machine[0]) / (after[1] - machine[1]);
            for (Worker w : workers) {
                if (w.error != null) {
                    throw new IllegalStateException(name + ": the connection failed", w.error);
                }
            }
            return new Row(name, workers, seconds, serviceCores, cores, busy, jitShare);
        }

        double throughput() {
            return latencies.length / seconds;
        }

        double mean() {
            return Arrays.stream(latencies).average().orElse(0) / 1e6;
        }

        /** Nearest rank, in milliseconds. */
        double percentile(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int i = (int) Math.ceil(p * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, i))] / 1e6;
        }

        /**
         * Where in the row its slowest requests were ({@code load.timeline}): for each second, how many
         * requests were sent, how many of them took longer than the row's p99, and the longest. A stall
         * shows as one or two seconds holding most of them; a row that is merely slow, as many.
         */
        String timeline() {
            long p99 = (long) (percentile(0.99) * 1e6);
            java.util.TreeMap<Long, long[]> seconds = new java.util.TreeMap<>();
            for (long[] r : byTime) {
                long[] s = seconds.computeIfAbsent(r[0] / 1_000_000_000L, x -> new long[3]);
                s[0]++;
                s[1] += r[1] > p99 ? 1 : 0;
                s[2] = Math.max(s[2], r[1]);
            }
            StringBuilder out = new StringBuilder("  second: sent, over p99, longest ms\n ");
            seconds.forEach((second, s) -> out.append(String.format(" %d: %d, %d, %.0f;", second, s[0], s[1], s[2] / 1e6)));
            return out.toString();
        }

        String summary() {
            return String.format(
                    "%s: %d requests in %.1f s, %.0f/s, mean %.2f ms, p50 %.1f ms, p99 %.1f ms; answers %s",
                    name,
                    latencies.length,
                    seconds,
                    throughput(),
                    mean(),
                    percentile(0.50),
                    percentile(0.99),
                    answers);
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /** User and system clock ticks of the service's process so far (Linux), or -1. */
        private static long serviceTicks() {
            if (SERVICE_PID < 0) {
                return -1;
            }
            try {
                return cpuTicks(Files.readString(Path.of("/proc/" + SERVICE_PID + "/stat")));
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /**
         * User and system clock ticks so far of the service's JIT compiler threads ({@code C1 CompilerThread},
         * {@code C2 CompilerThread}: HotSpot's names, cut to 15 characters in /proc), or -1. A compiler thread
         * the JVM stops takes its ticks with it, so a share across such a stop reads low, never high.
         */
        static long compilerTicks() {
            if (SERVICE_PID < 0) {
                return -1;
            }
            long ticks = 0;
            try (var tasks = Files.list(Path.of("/proc/" + SERVICE_PID + "/task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim();
                        if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                            continue;
                        }
                        ticks += cpuTicks(Files.readString(task.resolve("stat")));
                    } catch (IOException e) {
                        // The thread ended between the listing and the read.
                    }
                }
                return ticks;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** User and system clock ticks of a process's or thread's /proc stat line. */
        private static long cpuTicks(String stat) {
            // After the command name in parentheses: state is field 3, utime 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }

        /** Busy and total clock ticks of the whole machine (Linux), or null. */
        private static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** One connection: sends requests one after another until the deadline, or until the row has made its total. */
    private static final class Worker implements Runnable {

        private final URI base;
        private final LongFunction<byte[]> requests;
        private final int expected;
        private final long deadline;
        private final long total;
        private final AtomicLong issued;
        private final CountDownLatch done;
        /** Nanoseconds between the due times of requests (open loop), or 0: each as soon as the last is answered. */
        private final long interval;
        /** When request 0 is due (open loop). */
        private final long start;
        /** Where this worker's connection is kept between the runs of a row. */
        private final Connections connections;
        private final int slot;
        long[] latencies = new long[1024];
        /** When each measured request was sent (or due), nanoseconds from the row's start, as {@link #latencies}. */
        long[] sent = new long[1024];
        int count;
        long failed;
        final Map<String, Long> answers = new TreeMap<>();
        final List<String> failures = new ArrayList<>();
        Exception error;

        Worker(
                URI base,
                LongFunction<byte[]> requests,
                int expected,
                long deadline,
                long total,
                AtomicLong issued,
                CountDownLatch done,
                long interval,
                long start,
                Connections connections,
                int slot) {
            this.connections = connections;
            this.slot = slot;
            this.base = base;
            this.requests = requests;
            this.expected = expected;
            this.deadline = deadline;
            this.total = total;
            this.issued = issued;
            this.done = done;
            this.interval = interval;
            this.start = start;
        }

        @Override
        public void run() {
            Socket socket = connections.sockets[slot];
            InputStream in = connections.ins[slot];
            try {
                while (System.nanoTime() < deadline) {
                    long n = issued.getAndIncrement();
                    if (total >= 0 && n >= total) {
                        break;
                    }
                    byte[] request = requests.apply(n);
                    // Open loop: request n is due at its time, answered or not the ones before it; its
                    // latency counts from then, so a slow answer delays no measurement (no coordinated omission).
                    long due = interval > 0 ? start + n * interval : 0;
                    if (interval > 0) {
                        if (due >= deadline) {
                            break;
                        }
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                    if (socket == null) {
                        socket = new Socket();
                        socket.setTcpNoDelay(true);
                        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
                        socket.setSoTimeout(60_000);
                        in = new BufferedInputStream(socket.getInputStream(), 16_384);
                    }
                    long t = interval > 0 ? due : System.nanoTime();
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                    Response r = Response.read(in);
                    long latency = System.nanoTime() - t;
                    record(t - start, latency, r);
                    if (r.close) {
                        socket.close();
                        socket = null;
                    }
                }
            } catch (Exception e) {
                error = e;
                if (socket != null) {
                    try {
                        socket.close();
                    } catch (IOException closing) {
                        // the row fails anyway
                    }
                    socket = null;
                }
            } finally {
                // Kept open for the row's next run; closed with the row.
                connections.sockets[slot] = socket;
                connections.ins[slot] = socket == null ? null : in;
                done.countDown();
            }
        }

        private void record(long at, long latency, Response r) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
                sent = Arrays.copyOf(sent, count * 2);
            }
            sent[count] = at;
            latencies[count++] = latency;
            // A batch is answered 200 however its packages fared: one it refused is a failure too.
            boolean refusedSome = r.body.startsWith("{\"stored\"") && !r.body.contains("\"refused\":0,");
            String answer = r.status != expected ? "HTTP " + r.status : refusedSome ? "BATCH_REFUSED" : statusOf(r.body);
            answers.merge(answer, 1L, Long::sum);
            if (r.status != expected || refusedSome) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add(r.status + " " + r.body);
                }
            }
        }

        /** The submission's status in a 201, without parsing the whole answer; "OK" for the others. */
        private static String statusOf(String body) {
            int at = body.indexOf("\"status\":\"");
            if (body.startsWith("{\"stored\"")) {
                return "BATCH";
            }
            if (at < 0 || !body.startsWith("{\"id\"")) {
                return "OK";
            }
            int from = at + 10;
            int to = body.indexOf('"', from);
            return to < 0 ? "?" : body.substring(from, to);
        }
    }

    /** An HTTP/1.1 answer, read whole: by Content-Length, or chunked. */
    private record Response(int status, String body, boolean close) {

        /** @param in the connection's buffered stream, kept from one answer to the next */
        static Response read(InputStream in) throws IOException {
            String statusLine = line(in);
            if (statusLine == null) {
                throw new IOException("the service closed the connection");
            }
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while ((header = line(in)) != null && !header.isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                while (true) {
                    String size = line(in);
                    int size16 = Integer.parseInt(size.split(";")[0].trim(), 16);
                    if (size16 == 0) {
                        while (!line(in).isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    body.write(in.readNBytes(size16));
                    line(in);
                }
            } else if (length >= 0) {
                body.write(in.readNBytes((int) length));
            } else {
                body.write(in.readAllBytes());
                close = true;
            }
            return new Response(status, body.toString(StandardCharsets.UTF_8), close);
        }

        /** A line up to CRLF, without it; null at the end of the stream. */
        private static String line(InputStream in) throws IOException {
            StringBuilder s = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int end = s.length();
                    if (end > 0 && s.charAt(end - 1) == '\r') {
                        s.setLength(end - 1);
                    }
                    return s.toString();
                }
                s.append((char) c);
            }
            return s.length() == 0 ? null : s.toString();
        }
    }
}
