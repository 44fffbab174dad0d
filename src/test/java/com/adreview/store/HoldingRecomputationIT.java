package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new jar on a data directory the previous release wrote under the old entity rules (a closure over
 * submissions had merged four accounts, and a poisoned domain had pulled an innocent account's ad): at
 * start-up the holders are recomputed by first-seen time, the live ad naming another account's app id
 * gets an identity conflict case, nothing is pulled or reinstated, and from then on the records are apart.
 */
class HoldingRecomputationIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private static JsonNode fixture() throws Exception {
        try (InputStream in = HoldingRecomputationIT.class.getResourceAsStream("/legacy/entity-closure-data.json")) {
            return TestPackages.JSON.readTree(in);
        }
    }

    private void unzipFixture() throws Exception {
        try (ZipInputStream zip = new ZipInputStream(
                HoldingRecomputationIT.class.getResourceAsStream("/legacy/entity-closure-data.zip"))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                Path target = dataDir.resolve(e.getName()).normalize();
                assertThat(target.startsWith(dataDir)).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
        return TestPackages.JSON.readTree(response.body());
    }

    private static String status(ServiceProcess service, JsonNode fixture, String adId) throws Exception {
        String id = fixture.at("/submissions/" + adId + "/id").asText();
        return json(service.get("/v1/submissions/" + id)).get("status").asText();
    }

    @Test
    void entitiesMergedByTheOldRulesAreRecomputedWithoutPullingOrReinstatingAnything() throws Exception {
        JsonNode fixture = fixture();
        unzipFixture();
        String a1 = fixture.at("/submissions/a-1/id").asText();
        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            HttpResponse<String> ready = service.awaitHealth(STARTUP);
            assertThat(ready.statusCode()).as(ready.body() + service.log()).isEqualTo(200);
            assertThat(ready.body()).contains("identity-holdings");

            // Holders by first-seen time: E named its code before C did, B its app id before A did.
            assertHolder(service, "CREDIT_CODE", "91440300708461136T", "acct-E");
            assertHolder(service, "DOMAIN", "xinyong-dai.cn", "acct-C");
            assertHolder(service, "APP_ID", "com.bjr.app", "acct-B");
            assertHolder(service, "DOMAIN", "b-jinrong.cn", "acct-B");
            assertThat(json(service.get("/v1/identifiers/CREDIT_CODE/91440300708461136T"))
                            .get("how")
                            .asText())
                    .isEqualTo("RECOMPUTED");

            // Nothing pulled, nothing reinstated: every status is as the old release left it.
            for (String adId : new String[] {"e-1", "e-2", "b-1", "a-1", "c-1", "c-2"}) {
                assertThat(status(service, fixture, adId))
                        .as(adId)
                        .isEqualTo(
                                fixture.at("/submissions/" + adId + "/status").asText());
            }
            assertThat(status(service, fixture, "e-1")).isEqualTo("PULLED");

            // A's live ad names B's app id: a conflict case for a reviewer, the ad stays live.
            JsonNode cases = json(service.get("/v1/reviews?state=OPEN&submissionId=" + a1))
                    .get("items");
            assertThat(cases).hasSize(1);
            assertThat(cases.get(0).get("kind").asText()).isEqualTo("IDENTITY_CONFLICT");
            assertThat(cases.get(0).at("/conflicts/0/identifier").asText()).isEqualTo("com.bjr.app");
            assertThat(cases.get(0).at("/conflicts/0/holder").asText()).isEqualTo("acct-B");

            // The entity the old closure merged is E alone now.
            JsonNode e = json(service.get("/v1/entities/acct-E"));
            assertThat(e.at("/identifiers/accounts").toString()).isEqualTo("[\"acct-E\"]");
            assertThat(e.at("/identifiers/domains").toString()).isEqualTo("[\"e-licai.cn\"]");
            JsonNode b = json(service.get("/v1/entities/acct-B"));
            assertThat(b.get("conflicts").get(0).get("claimant").asText()).isEqualTo("acct-A");

            // E's next clean ad is decided on E's record alone.
            TestPackages next = TestPackages.example("01-approved-p2p")
                    .with("adId", "e-3")
                    .with("advertiser.accountId", "acct-E")
                    .with("advertiser.creditCode", "91440300708461136T")
                    .with("product.domain", "e-licai.cn")
                    .with("product.appId", "com.elicai.app")
                    .withList("icp.domains", "e-licai.cn")
                    .with("creative.landingUrl", "https://www.e-licai.cn/");
            JsonNode decided = json(service.postJson("/v1/submissions", next.body()));
            assertThat(decided.get("status").asText()).as(decided.toString()).isEqualTo("APPROVED");

            // A complaint against C's poisoned domain reaches no ad of E, A or B.
            json(service.postJson(
                    "/v1/complaints",
                    "{\"subject\":{\"domain\":\"xinyong-dai.cn\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                            + "\"description\":\"无法提现\",\"reporterId\":\"user-after-upgrade\"}"));
            assertThat(status(service, fixture, "b-1")).isEqualTo("APPROVED");
            assertThat(status(service, fixture, "a-1")).isEqualTo("APPROVED");
            assertThat(json(service.get("/v1/submissions/" + decided.get("id").asText()))
                            .get("status")
                            .asText())
                    .isEqualTo("APPROVED");

            assertThat(json(service.get("/v1/audit/verify")).get("consistent").asBoolean())
                    .isTrue();
        }

        // Once: a second start opens no second case.
        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            assertThat(service.awaitHealth(STARTUP).statusCode()).isEqualTo(200);
            assertThat(json(service.get("/v1/reviews?submissionId=" + a1)).get("items"))
                    .hasSize(1);
        }
    }

    private static void assertHolder(ServiceProcess service, String kind, String identifier, String holder)
            throws Exception {
        assertThat(json(service.get("/v1/identifiers/" + kind + "/" + identifier))
                        .get("holder")
                        .asText())
                .as(kind + " " + identifier)
                .isEqualTo(holder);
    }
}
