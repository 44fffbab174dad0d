package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar's default run, with no key configured (none ships with it): it makes its own keys in
 * its data directory on the first start, owner-only, and signs with the same ones after a restart.
 */
class TrialKeysIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartGeneratesOwnerOnlyKeysAndARestartUsesTheSameOnes() throws Exception {
        String publicKey;
        String auditKey;
        String webhookKey;
        // The subscriber below is on loopback, which only an allow-list admits.
        try (ServiceProcess service = ServiceProcess.start(
                dataDir, Path.of("policies"), "-Dadreview.webhook.allowed-networks=127.0.0.1/32")) {
            assertThat(service.awaitHealth(STARTUP).statusCode())
                    .as(service.log())
                    .isEqualTo(200);
            for (String file : new String[] {"audit-signing.key", "webhook-signing.key"}) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file))))
                        .as(file)
                        .isEqualTo("rw-------");
            }
            auditKey = Files.readString(dataDir.resolve("audit-signing.key")).strip();
            webhookKey =
                    Files.readString(dataDir.resolve("webhook-signing.key")).strip();
            publicKey = publicKey(service);
            assertThat(service.log())
                    .contains("Audit checkpoints are signed with Ed25519 public key " + publicKey)
                    .doesNotContain(auditKey)
                    .doesNotContain(webhookKey);
            // The key signs: a webhook can be registered (its secret is derived from the webhook key).
            HttpResponse<String> hook = service.postJson("/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\"}");
            assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        }

        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            assertThat(service.awaitHealth(STARTUP).statusCode())
                    .as(service.log())
                    .isEqualTo(200);
            assertThat(publicKey(service)).isEqualTo(publicKey);
            assertThat(Files.readString(dataDir.resolve("audit-signing.key")).strip())
                    .isEqualTo(auditKey);
            assertThat(Files.readString(dataDir.resolve("webhook-signing.key")).strip())
                    .isEqualTo(webhookKey);
            assertThat(service.log()).doesNotContain("Generated adreview.");
        }
    }

    private static String publicKey(ServiceProcess service) throws Exception {
        HttpResponse<String> key = service.get("/v1/audit/public-key");
        assertThat(key.statusCode()).as(key.body()).isEqualTo(200);
        JsonNode view = TestPackages.JSON.readTree(key.body());
        assertThat(view.get("algorithm").asText()).isEqualTo("Ed25519");
        return view.get("publicKey").asText();
    }
}
