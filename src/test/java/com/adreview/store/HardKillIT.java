package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged means durable (issue 16): the packaged service on its embedded file store is killed
 * with SIGKILL at random moments while submissions and complaints pour in, four times, and restarted on
 * the same data each time. Every submission and complaint it answered 201 to is still there, and the
 * audit trail still verifies. {@code -Dhardkill.durability=delayed} runs the same against the old
 * behaviour, which loses acknowledged writes (and so fails).
 */
class HardKillIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final int KILLS = 4;
    private static final int SUBMITTERS = 4;
    private static final int COMPLAINERS = 2;

    @TempDir
    Path dataDir;

    @Test
    void aKilledServiceKeepsEverythingItAcknowledged() throws Exception {
        String durability = System.getProperty("hardkill.durability", "commit");
        String[] properties = {
            "-Dadreview.store.embedded.durability=" + durability,
            "-Dadreview.security.rate-limit.per-second=100000",
            "-Dadreview.security.rate-limit.burst=100000",
            "-Dadreview.security.rate-limit.max-in-flight=1000"
        };
        Random random = new Random(Long.getLong("hardkill.seed", System.nanoTime()));
        Queue<String> submissions = new ConcurrentLinkedQueue<>();
        Queue<String> complaints = new ConcurrentLinkedQueue<>();
        AtomicInteger counter = new AtomicInteger();
        List<String> report = new ArrayList<>();
        for (int round = 1; round <= KILLS; round++) {
            ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"), properties);
            try {
                assertThat(service.awaitHealth(STARTUP).statusCode())
                        .as(service.log())
                        .isEqualTo(200);
                assertAllPresent(service, submissions, complaints, round, report);
                // A key for the account before the load, so that the kill falls among submissions.
                submit(service, counter.incrementAndGet(), submissions);
                AtomicBoolean stop = new AtomicBoolean();
                ExecutorService load = Executors.newFixedThreadPool(SUBMITTERS + COMPLAINERS);
                for (int t = 0; t < SUBMITTERS; t++) {
                    load.submit(() -> {
                        while (!stop.get()) {
                            submit(service, counter.incrementAndGet(), submissions);
                        }
                        return null;
                    });
                }
                for (int t = 0; t < COMPLAINERS; t++) {
                    load.submit(() -> {
                        while (!stop.get()) {
                            complain(service, counter.incrementAndGet(), complaints);
                        }
                        return null;
                    });
                }
                Thread.sleep(1000 + random.nextInt(1500));
                service.kill();
                stop.set(true);
                load.shutdown();
                load.awaitTermination(30, TimeUnit.SECONDS);
            } finally {
                service.kill();
            }
        }
        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"), properties)) {
            assertThat(service.awaitHealth(STARTUP).statusCode())
                    .as(service.log())
                    .isEqualTo(200);
            assertAllPresent(service, submissions, complaints, KILLS + 1, report);
        }
        System.out.println("HardKillIT (" + durability + "): " + String.join("; ", report));
        assertThat(report).allSatisfy(line -> assertThat(line).contains(" 0 lost"));
    }

    /** Every acknowledged id answers 200 and the trail verifies; the round's line goes into the report. */
    private static void assertAllPresent(
            ServiceProcess service, Queue<String> submissions, Queue<String> complaints, int round, List<String> report)
            throws Exception {
        int lost = 0;
        List<String> lostIds = new ArrayList<>();
        for (String id : submissions) {
            if (service.get("/v1/submissions/" + id).statusCode() != 200) {
                lost++;
                lostIds.add(id);
            }
        }
        for (String id : complaints) {
            if (service.get("/v1/complaints/" + id).statusCode() != 200) {
                lost++;
                lostIds.add(id);
            }
        }
        HttpResponse<String> verify = service.get("/v1/audit/verify");
        JsonNode verdict = TestPackages.JSON.readTree(verify.body());
        report.add("start " + round + ": " + submissions.size() + " submissions and " + complaints.size()
                + " complaints acknowledged, " + lost + " lost " + lostIds + ", trail consistent "
                + verdict.path("consistent").asBoolean());
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verdict.path("consistent").asBoolean()).as(verify.body()).isTrue();
    }

    private static void submit(ServiceProcess service, int n, Queue<String> acknowledged) {
        try {
            HttpResponse<String> r = service.postJson(
                    "/v1/submissions",
                    TestPackages.example("01-approved-p2p")
                            .with("adId", "kill-" + n)
                            .body());
            if (r.statusCode() == 201) {
                acknowledged.add(TestPackages.JSON.readTree(r.body()).get("id").asText());
            }
        } catch (Exception killed) {
            // the connection dropped with the process: not acknowledged
        }
    }

    private static void complain(ServiceProcess service, int n, Queue<String> acknowledged) {
        try {
            HttpResponse<String> r = service.postJson(
                    "/v1/complaints",
                    "{\"subject\":{\"domain\":\"xinyong-dai.cn\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                            + "\"description\":\"无法提现\",\"reporterId\":\"kill-user-" + n + "\"}");
            if (r.statusCode() == 201) {
                acknowledged.add(TestPackages.JSON.readTree(r.body()).get("id").asText());
            }
        } catch (Exception killed) {
            // not acknowledged
        }
    }
}
