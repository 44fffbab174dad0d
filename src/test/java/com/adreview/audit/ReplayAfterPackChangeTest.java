package com.adreview.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pack on disk changes (a new cap on rates), is reloaded, and decides new submissions its way;
 * an older decision still replays to its own answer, with the pack version that made it.
 */
@QuarkusTest
@TestProfile(ReplayAfterPackChangeTest.CopyOfThePack.class)
@WithTestResource(EmbeddedStoreResource.class)
class ReplayAfterPackChangeTest {

    /** The service reads a copy of the shipped pack, which the test then edits. */
    public static class CopyOfThePack implements QuarkusTestProfile {
        static final Path DIRECTORY = copy();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adreview.policy.directory", DIRECTORY.toString());
        }

        private static Path copy() {
            try {
                Path target = Files.createTempDirectory("adreview-pack-");
                Path source = Path.of("policies");
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path p : files.sorted(Comparator.naturalOrder()).toList()) {
                        Path to = target.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(p, to);
                        }
                    }
                }
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void anOlderDecisionReplaysWithThePackThatMadeItAfterThePackChanged() throws IOException {
        TestPackages at30 =
                TestPackages.example("01-approved-p2p").asNewEntity().with("product.maxAnnualRate", 0.30);
        String before = Api.submit(at30)
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .extract()
                .path("id");
        String oldVersion = Api.staff().get("/v1/policy").then().extract().path("version");

        Path pack = CopyOfThePack.DIRECTORY.resolve("pack.yaml");
        Files.writeString(pack, Files.readString(pack).replace("maxAnnualRate: 0.24", "maxAnnualRate: 0.36"));
        String newVersion = Api.admin()
                .post("/v1/policy/reload")
                .then()
                .statusCode(200)
                .extract()
                .path("version");
        assertThat(newVersion).isNotEqualTo(oldVersion);

        TestPackages again =
                TestPackages.example("01-approved-p2p").asNewEntity().with("product.maxAnnualRate", 0.30);
        Api.submit(again)
                .statusCode(201)
                .body("status", equalTo("APPROVED"))
                .body("decision.policyVersion", equalTo(newVersion));

        Api.auditor()
                .post("/v1/audit/replay/{id}", before)
                .then()
                .statusCode(200)
                .body("policyVersion", equalTo(oldVersion))
                .body("packIntact", equalTo(true))
                .body("storedStatus", equalTo("REJECTED"))
                .body("replayedStatus", equalTo("REJECTED"))
                .body("matches", equalTo(true));
        Api.auditor()
                .queryParam("action", "POLICY_PACK_LOADED")
                .get("/v1/audit/events")
                .then()
                .body("items.subject", org.hamcrest.Matchers.hasItem("policyPack:" + newVersion))
                .body("items.actor", org.hamcrest.Matchers.hasItem("user:admin"));
    }
}
