package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.store.embedded.EmbeddedStore;
import com.adreview.testing.TestPackages;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service under the production profile (what k8s/ runs): never the embedded store; no
 * start at all without a usable connection string; a clean stop on SIGTERM.
 */
class ProductionProfileIT {

    @TempDir
    Path dataDir;

    @Test
    void withoutAConnectionStringItRefusesToStartAndSaysWhy() throws Exception {
        try (ServiceProcess service =
                ServiceProcess.start(dataDir, Path.of("policies"), "-Dquarkus.profile=production")) {
            OptionalInt exit = service.awaitExit(Duration.ofSeconds(60));

            assertThat(exit).as(service.log()).isPresent();
            assertThat(exit.getAsInt()).as(service.log()).isNotZero();
            assertThat(service.log())
                    .contains("Refusing to start")
                    .contains("quarkus.mongodb.connection-string (QUARKUS_MONGODB_CONNECTION_STRING) is not set")
                    .doesNotContain("Embedded store on");
        }
        assertThat(Files.exists(dataDir.resolve(EmbeddedStore.FILE_NAME + ".db")))
                .as("no embedded store was started")
                .isFalse();
    }

    @Test
    void withAReplicaSetItServesStaffWithBearerTokensOnlyAndStopsCleanly() throws Exception {
        // The organisation's OIDC provider stands in as a key pair: the service verifies tokens with its
        // public key (quarkus.oidc.public-key), without calling any server.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair provider = generator.generateKeyPair();
        // Stands in for the replica set: a store of its own, outside the service's process.
        try (EmbeddedStore mongo = EmbeddedStore.startInMemory();
                ServiceProcess service = ServiceProcess.start(
                        dataDir,
                        Path.of("policies"),
                        "-Dquarkus.profile=production",
                        "-Dquarkus.mongodb.connection-string=" + mongo.connectionString(),
                        "-Dquarkus.oidc.public-key="
                                + Base64.getEncoder()
                                        .encodeToString(provider.getPublic().getEncoded()),
                        "-Dadreview.audit.signing-key=" + signingKey(),
                        "-Dadreview.webhook.signing-key=" + signingKey())) {
            assertThat(service.awaitHealth(Duration.ofSeconds(90)).statusCode())
                    .as(service.log())
                    .isEqualTo(200);
            // The development users are off in production.
            assertThat(service.get("/v1/suspensions").statusCode()).isEqualTo(401);
            service.authorizeStaffWith("Bearer " + token(provider, "ops-auditor", "auditor"));
            assertThat(service.get("/v1/suspensions").statusCode()).isEqualTo(200);
            assertThat(service.postJson("/v1/api-keys", "{\"accountId\":\"acct-x\"}")
                            .statusCode())
                    .as("an auditor creates no keys")
                    .isEqualTo(403);
            service.authorizeStaffWith("Bearer " + token(provider, "ops-admin", "admin"));
            HttpResponse<String> created = service.postJson(
                    "/v1/submissions",
                    TestPackages.example("01-approved-p2p").asNewEntity().body());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

            service.close();

            assertThat(service.log())
                    .contains("Profile production activated")
                    .doesNotContain("Embedded store on")
                    .contains("Background work stopped")
                    .contains("ad-review-engine stopped");
        }
        assertThat(Files.exists(dataDir.resolve(EmbeddedStore.FILE_NAME + ".db")))
                .isFalse();
    }

    @Test
    void withoutAnAuditSigningKeyItRefusesToStart() throws Exception {
        try (EmbeddedStore mongo = EmbeddedStore.startInMemory();
                ServiceProcess service = ServiceProcess.start(
                        dataDir,
                        Path.of("policies"),
                        "-Dquarkus.profile=production",
                        "-Dquarkus.mongodb.connection-string=" + mongo.connectionString(),
                        "-Dquarkus.oidc.public-key="
                                + Base64.getEncoder()
                                        .encodeToString(KeyPairGenerator.getInstance("RSA")
                                                .generateKeyPair()
                                                .getPublic()
                                                .getEncoded()))) {
            OptionalInt exit = service.awaitExit(Duration.ofSeconds(60));
            assertThat(exit).as(service.log()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(service.log()).contains("adreview.audit.signing-key (ADREVIEW_AUDIT_SIGNING_KEY) is not set");
        }
    }

    private static String signingKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A signed JWT as an OIDC provider issues one: the user's name and roles in the configured claims. */
    private static String token(KeyPair provider, String user, String... roles) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        String claims = TestPackages.JSON.writeValueAsString(java.util.Map.of(
                "sub",
                user,
                "preferred_username",
                user,
                "groups",
                java.util.List.of(roles),
                "iat",
                now,
                "exp",
                now + 600));
        String payload = b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(provider.getPrivate());
        rs256.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
        return header + "." + payload + "." + b64.encodeToString(rs256.sign());
    }
}
