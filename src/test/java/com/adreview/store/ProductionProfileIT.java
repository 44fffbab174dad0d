package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
    void withAReplicaSetItServesAndStopsCleanly() throws Exception {
        // Stands in for the replica set: a store of its own, outside the service's process.
        try (EmbeddedStore mongo = EmbeddedStore.startInMemory();
                ServiceProcess service = ServiceProcess.start(
                        dataDir,
                        Path.of("policies"),
                        "-Dquarkus.profile=production",
                        "-Dquarkus.mongodb.connection-string=" + mongo.connectionString())) {
            assertThat(service.awaitHealth(Duration.ofSeconds(90)).statusCode())
                    .as(service.log())
                    .isEqualTo(200);
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
}
