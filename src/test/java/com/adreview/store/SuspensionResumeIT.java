package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A suspension sweep cut short by a crash finishes after the restart. */
class SuspensionResumeIT {

    private static final int ADS = 600;

    @TempDir
    Path dataDir;

    @Test
    void aSweepInterruptedByACrashResumesAtStartUp() throws Exception {
        String suspension;
        // Small work items (30 of them), paced, so that the crash comes mid-sweep.
        try (ServiceProcess service = ServiceProcess.start(
                dataDir, Path.of("policies"), "-Dadreview.sweep.chunk-size=20", "-Dadreview.sweep.item-pause=300ms")) {
            assertThat(service.awaitHealth(Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> created = new ArrayList<>();
            for (int i = 0; i < ADS; i++) {
                String body =
                        TestPackages.example("01-approved-p2p").asNewEntity().body();
                created.add(pool.submit(
                        () -> service.postJson("/v1/submissions", body).statusCode()));
            }
            for (Future<Integer> status : created) {
                assertThat(status.get()).isEqualTo(201);
            }
            pool.shutdown();

            HttpResponse<String> suspended =
                    service.postJson("/v1/suspensions", "{\"category\":\"P2P_LENDING\",\"reason\":\"crash test\"}");
            assertThat(suspended.statusCode()).as(suspended.body()).isEqualTo(201);
            suspension = TestPackages.JSON.readTree(suspended.body()).get("id").asText();
            // The crash comes once the suspension and some pulls are in the file: the embedded store writes
            // it at most 200 ms behind, and a hard kill loses what it had not written yet.
            Instant stored = Instant.now().plusSeconds(1);
            JsonNode midway;
            do {
                Thread.sleep(100);
                midway = TestPackages.JSON.readTree(
                        service.get("/v1/suspensions/" + suspension).body());
            } while (midway.get("pulled").asLong() == 0 || Instant.now().isBefore(stored));
            assertThat(midway.get("sweep").asText())
                    .as("still sweeping when the crash comes")
                    .isEqualTo("RUNNING");
            service.kill();
        }

        // A pull the crash left unpublished is relayed a second after start-up.
        try (ServiceProcess service = ServiceProcess.start(
                dataDir, Path.of("policies"), "-Dadreview.outbox.relay-interval=1s", "-Dadreview.outbox.settle=1s")) {
            assertThat(service.awaitHealth(Duration.ofSeconds(90)).statusCode()).isEqualTo(200);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            JsonNode state;
            do {
                Thread.sleep(250);
                state = TestPackages.JSON.readTree(
                        service.get("/v1/suspensions/" + suspension).body());
            } while (!"DONE".equals(state.get("sweep").asText())
                    && Instant.now().isBefore(deadline));
            assertThat(state.get("sweep").asText()).isEqualTo("DONE");

            JsonNode live = TestPackages.JSON.readTree(
                    service.get("/v1/submissions?status=APPROVED&category=P2P_LENDING&limit=1")
                            .body());
            assertThat(live.get("items")).as("no P2P ad left live").isEmpty();
            assertThat(service.log()).contains("Resuming the sweep of suspension " + suspension);
            assertThat(state.get("pulled").asLong()).isEqualTo(ADS);
            // Every pull, before the crash or after, is in the ad change feed, once.
            Instant feedDeadline = Instant.now().plus(Duration.ofSeconds(30));
            List<String> pulled;
            do {
                Thread.sleep(250);
                pulled = pulledInFeed(service);
            } while (pulled.size() < ADS && Instant.now().isBefore(feedDeadline));
            assertThat(pulled).hasSize(ADS).doesNotHaveDuplicates();
        }
    }

    private static List<String> pulledInFeed(ServiceProcess service) throws Exception {
        List<String> pulled = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = TestPackages.JSON.readTree(
                    service.get("/v1/ads/changes?limit=100&after=" + after).body());
            page.get("items").forEach(c -> {
                if ("PULLED".equals(c.get("to").asText())) {
                    pulled.add(c.get("submissionId").asText());
                }
            });
            long next = page.get("next").asLong();
            if (next == after) {
                return pulled;
            }
            after = next;
        }
    }
}
