package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged service on its embedded file store keeps what it stored across a restart. */
class RestartIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void aSubmissionSurvivesARestartOnTheSameDataDirectory() throws Exception {
        String id;
        String policyVersion;
        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            HttpResponse<String> ready = service.awaitHealth(STARTUP);
            assertThat(ready.statusCode()).as(service.log()).isEqualTo(200);
            JsonNode health = TestPackages.JSON.readTree(ready.body());
            assertThat(health.toString()).contains("policy-pack").contains("sha256:");

            HttpResponse<String> created = service.postJson(
                    "/v1/submissions",
                    TestPackages.example("03-rejected-filing-only").body());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode submission = TestPackages.JSON.readTree(created.body());
            id = submission.get("id").asText();
            policyVersion = submission.at("/decision/policyVersion").asText();
        }
        assertThat(Files.list(dataDir)).isNotEmpty();

        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            assertThat(service.awaitHealth(STARTUP).statusCode()).isEqualTo(200);

            HttpResponse<String> again = service.get("/v1/submissions/" + id);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            JsonNode submission = TestPackages.JSON.readTree(again.body());
            assertThat(submission.get("status").asText()).isEqualTo("REJECTED");
            assertThat(submission.at("/decision/policyVersion").asText()).isEqualTo(policyVersion);
            assertThat(submission.at("/package/icp/number").asText()).isEqualTo("粤ICP备17045678号-2");
        }
    }

    @Test
    void anInvalidPackKeepsTheServiceNotReadyAndNamesTheProblem() throws Exception {
        Path policies = Files.createDirectories(dataDir.resolve("broken-pack"));
        Files.writeString(policies.resolve("pack.yaml"), "name: broken\ntimeZone: Asia/Shanghai\n");
        Files.createDirectories(policies.resolve("rules"));
        Files.writeString(
                policies.resolve("rules/r.yaml"),
                "rules:\n  - id: r1\n    topic: NOT_A_TOPIC\n    outcome: REJECT\n    when: 'true'\n    message: m\n    citation: c\n");

        try (ServiceProcess service = ServiceProcess.start(dataDir.resolve("data"), policies)) {
            HttpResponse<String> ready = service.awaitHealth(STARTUP);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("rules/r.yaml:3").contains("NOT_A_TOPIC");

            HttpResponse<String> refused = service.postJson(
                    "/v1/submissions", TestPackages.example("01-approved-p2p").body());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }
}
