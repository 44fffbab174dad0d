package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.store.embedded.EmbeddedStore;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the packaged service sharing one store, as replicas in Kubernetes share a replica
 * set: what must happen once happens once, whichever instance it lands on, and survives one of them
 * dying. The store runs in this test's JVM so that either instance can be killed without it.
 */
class TwoInstancesIT {

    @TempDir
    Path dataA;

    @TempDir
    Path dataB;

    private EmbeddedStore store;
    private ServiceProcess a;
    private ServiceProcess b;

    @BeforeEach
    void start() throws Exception {
        store = EmbeddedStore.startInMemory();
        a = instance(dataA, "a");
        b = instance(dataB, "b");
        assertThat(a.awaitHealth(Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
        assertThat(b.awaitHealth(Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
    }

    /** The signing keys both instances are given, as replicas get the same Secret. */
    private static final String AUDIT_KEY = randomKey();

    private static final String WEBHOOK_KEY = randomKey();

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    private ServiceProcess instance(Path data, String name) throws Exception {
        return ServiceProcess.start(
                data,
                Path.of("policies"),
                "-Dquarkus.mongodb.connection-string=" + store.connectionString(),
                "-Dadreview.audit.signing-key=" + AUDIT_KEY,
                "-Dadreview.webhook.signing-key=" + WEBHOOK_KEY,
                "-Dadreview.coordination.instance-name=" + name,
                "-Dadreview.coordination.lease-ttl=3S",
                "-Dadreview.webhook.poll-interval=100ms",
                // The test's ad server listens on loopback, which subscribers may use only when allow-listed.
                "-Dadreview.webhook.allowed-networks=127.0.0.1/32",
                // A change its dying instance did not get to publish is relayed by the survivor.
                "-Dadreview.outbox.relay-interval=1s",
                "-Dadreview.outbox.settle=2s",
                // Small work items (40 of them), paced, so that both instances get some of an 800-ad sweep
                // before one dies.
                "-Dadreview.sweep.chunk-size=20",
                "-Dadreview.sweep.item-pause=250ms");
    }

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {a, b}) {
            if (p != null) {
                p.close();
            }
        }
        store.close();
    }

    @Test
    void pullsOnEitherInstanceEnterTheFeedOnceAndEveryChangeReachesTheAdServerOnce() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        HttpServer adServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        adServer.createContext("/changes", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-Adreview-Event-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        adServer.start();
        try {
            String url = "http://127.0.0.1:" + adServer.getAddress().getPort() + "/changes";
            // From the start of the feed: the audit checkpoint signed at start-up may already be in it.
            HttpResponse<String> subscribed = a.postJson("/v1/webhooks", "{\"url\":\"" + url + "\",\"after\":0}");
            assertThat(subscribed.statusCode()).isEqualTo(201);
            String subscriber = id(subscribed);

            // Ten entities with two live ads each, submitted through both instances.
            Map<String, List<String>> adsOfEntity = new HashMap<>();
            for (int e = 0; e < 10; e++) {
                TestPackages entity = TestPackages.example("01-approved-p2p").asNewEntity();
                String code = entity.json().at("/advertiser/creditCode").asText();
                for (int ad = 0; ad < 2; ad++) {
                    ServiceProcess via = (e + ad) % 2 == 0 ? a : b;
                    HttpResponse<String> created = via.postJson(
                            "/v1/submissions", entity.with("adId", "ad-" + ad).body());
                    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                    adsOfEntity.computeIfAbsent(code, k -> new ArrayList<>()).add(id(created));
                }
            }
            // A regulator's complaint against each entity, through either instance, pulls both its ads.
            int n = 0;
            for (String code : adsOfEntity.keySet()) {
                ServiceProcess via = n++ % 2 == 0 ? b : a;
                HttpResponse<String> complaint = via.postJson(
                        "/v1/complaints",
                        "{\"subject\":{\"creditCode\":\"" + code
                                + "\"},\"source\":\"REGULATOR\",\"category\":\"FRAUD\",\"description\":\"非法集资\"}");
                assertThat(complaint.statusCode()).as(complaint.body()).isEqualTo(201);
            }

            List<JsonNode> feed = feed(b);
            Set<String> all = new HashSet<>();
            adsOfEntity.values().forEach(all::addAll);
            List<String> pulled = feed.stream()
                    .filter(c -> "PULLED".equals(c.path("to").asText()))
                    .map(c -> c.get("submissionId").asText())
                    .toList();
            assertThat(pulled).as("each ad pulled once").hasSize(20).containsExactlyInAnyOrderElementsOf(all);
            long last = feed.get(feed.size() - 1).get("seq").asLong();
            assertThat(feed).hasSize((int) last); // no gap, no duplicate (ad changes and audit checkpoints)

            await(Duration.ofSeconds(60), () -> new HashSet<>(received).size() >= last);
            assertThat(new HashSet<>(received)).hasSize((int) last);
            // At least once: an event may come again only as the retry of an attempt that failed (the
            // answer lost, say, on a loaded machine); never because both instances sent it.
            JsonNode attempts = get(b, "/v1/webhooks/" + subscriber + "/deliveries");
            Set<String> retried = new HashSet<>();
            attempts.forEach(d -> {
                if ("FAILED".equals(d.get("outcome").asText())) {
                    retried.add(d.get("seq").asText());
                }
            });
            Set<String> seen = new HashSet<>();
            List<String> sentTwice = received.stream().filter(e -> !seen.add(e)).toList();
            assertThat(sentTwice)
                    .as("events sent twice without a failed attempt between; attempts: %s", attempts)
                    .allMatch(retried::contains);
        } finally {
            adServer.stop(0);
        }
    }

    @Test
    void bothInstancesSweepASuspensionAndTheSurvivorFinishesItWhenOneDies() throws Exception {
        int ads = 800;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> created = new ArrayList<>();
        for (int i = 0; i < ads; i++) {
            ServiceProcess via = i % 2 == 0 ? a : b;
            String body = TestPackages.example("01-approved-p2p").asNewEntity().body();
            created.add(pool.submit(() -> via.postJson("/v1/submissions", body).statusCode()));
        }
        for (Future<Integer> status : created) {
            assertThat(status.get()).isEqualTo(201);
        }
        pool.shutdown();

        HttpResponse<String> suspended =
                a.postJson("/v1/suspensions", "{\"category\":\"P2P_LENDING\",\"reason\":\"two instances\"}");
        assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(201);
        String suspension = id(suspended);
        await(Duration.ofSeconds(30), () -> sweepers(b, suspension).size() == 2);
        assertThat(get(b, "/v1/suspensions/" + suspension).get("sweep").asText())
                .isEqualTo("RUNNING");
        a.kill();
        a = null;

        await(Duration.ofSeconds(120), () -> "DONE"
                .equals(get(b, "/v1/suspensions/" + suspension).get("sweep").asText()));
        JsonNode live = get(b, "/v1/submissions?status=APPROVED&category=P2P_LENDING&limit=1");
        assertThat(live.get("items")).as("no P2P ad left live").isEmpty();
        // Pulls the dead instance made but did not publish reach the feed through the survivor's relay.
        await(Duration.ofSeconds(30), () -> pulledInFeed(b) >= ads);
        List<String> pulled = feed(b).stream()
                .filter(c -> "PULLED".equals(c.path("to").asText()))
                .map(c -> c.get("submissionId").asText())
                .toList();
        assertThat(pulled).as("every ad pulled, none twice").hasSize(ads).doesNotHaveDuplicates();
        JsonNode done = get(b, "/v1/suspensions/" + suspension);
        assertThat(done.get("pulled").asLong()).isEqualTo(ads);
        assertThat(sweepers(b, suspension))
                .as("both instances took work items")
                .anyMatch(n -> n.startsWith("a-"))
                .anyMatch(n -> n.startsWith("b-"));
    }

    private static List<String> sweepers(ServiceProcess via, String suspension) {
        List<String> names = new ArrayList<>();
        get(via, "/v1/suspensions/" + suspension)
                .get("pulledByInstance")
                .fieldNames()
                .forEachRemaining(names::add);
        return names;
    }

    private static long pulledInFeed(ServiceProcess via) {
        try {
            return feed(via).stream()
                    .filter(c -> "PULLED".equals(c.path("to").asText()))
                    .count();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> feed(ServiceProcess via) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = get(via, "/v1/ads/changes?kind=AD_STATUS,AUDIT_CHECKPOINT&limit=100&after=" + after);
            page.get("items").forEach(all::add);
            long next = page.get("next").asLong();
            if (next == after) {
                return all;
            }
            after = next;
        }
    }

    private static JsonNode get(ServiceProcess via, String path) {
        try {
            return TestPackages.JSON.readTree(via.get(path).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String id(HttpResponse<String> created) throws Exception {
        return TestPackages.JSON.readTree(created.body()).get("id").asText();
    }

    private static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(200);
        }
    }
}
