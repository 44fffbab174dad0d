package com.adreview.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import com.adreview.review.ReviewApi;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The auditor's API: the trail of what happened, its verification, checkpoints, export and replay. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AuditResourceTest {

    @Inject
    MongoDatabase database;

    @Inject
    CheckpointService checkpoints;

    private static List<String> actions(String subject) {
        return Api.auditor()
                .queryParam("subject", subject)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.action");
    }

    @Test
    void aDecisionAndEveryLaterChangeAreInTheTrailWithWhoDidItAndThePackThatDecided() {
        TestPackages ad = ReviewApi.pending();
        String account = ad.json().at("/advertiser/accountId").asText();
        String id = Api.submitted(ad);
        String subject = "submission:" + id;
        JsonPath decided = Api.auditor()
                .queryParam("subject", subject)
                .queryParam("action", "SUBMISSION_DECIDED")
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .extract()
                .jsonPath();
        assertThat(decided.getString("items[0].actor")).startsWith("gateway:" + account + "/");
        assertThat(decided.getString("items[0].after.status")).isEqualTo("PENDING_REVIEW");
        assertThat(decided.getString("items[0].after.decision.findings[0].topic"))
                .isEqualTo("PRESSURE_TACTICS");
        assertThat(decided.getString("items[0].after.decision.findings[0].evidence[0].text"))
                .isNotBlank();
        assertThat(decided.getString("items[0].policyVersion")).startsWith("sha256:");
        assertThat(decided.getString("items[0].after.packageDigest")).startsWith("sha256:");

        String caseId = ReviewApi.caseOf(id);
        ReviewApi.claim(caseId, "li").statusCode(200);
        ReviewApi.decide(caseId, "li", "{\"outcome\":\"REJECT\",\"reason\":\"制造紧迫感\"}")
                .statusCode(200);
        assertThat(actions(subject)).containsExactly("SUBMISSION_DECIDED", "STATUS_CHANGED");
        assertThat(actions("review:" + caseId)).containsExactly("REVIEW_OPENED", "REVIEW_CLAIMED", "REVIEW_DECIDED");
        Api.auditor()
                .queryParam("subject", subject)
                .queryParam("action", "STATUS_CHANGED")
                .get("/v1/audit/events")
                .then()
                .body("items[0].actor", equalTo("user:li"))
                .body("items[0].before.status", equalTo("PENDING_REVIEW"))
                .body("items[0].after.status", equalTo("REJECTED"))
                .body("items[0].after.caseId", equalTo(caseId));
        Api.auditor()
                .queryParam("actor", "user:li")
                .get("/v1/audit/events")
                .then()
                .body("items.action", hasItems("REVIEW_CLAIMED", "REVIEW_DECIDED", "STATUS_CHANGED"));
        Api.auditor()
                .queryParam("action", "POLICY_PACK_LOADED")
                .get("/v1/audit/events")
                .then()
                .body("items[0].actor", equalTo("system"))
                .body("items[0].subject", org.hamcrest.Matchers.startsWith("policyPack:sha256:"));
        Api.auditor()
                .queryParam("action", "NOPE")
                .get("/v1/audit/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("action"));
        Api.auditor()
                .queryParam("from", "yesterday")
                .get("/v1/audit/events")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void theTrailPagesInOrderAndExportsAsJsonLines() {
        for (int i = 0; i < 3; i++) {
            Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        }
        JsonPath first = Api.auditor()
                .queryParam("limit", 2)
                .get("/v1/audit/events")
                .then()
                .extract()
                .jsonPath();
        List<Integer> seqs = first.getList("items.seq");
        assertThat(seqs).hasSize(2);
        long next = first.getLong("next");
        JsonPath second = Api.auditor()
                .queryParam("limit", 2)
                .queryParam("after", next)
                .get("/v1/audit/events")
                .then()
                .extract()
                .jsonPath();
        assertThat(second.getLong("items[0].seq")).isEqualTo(seqs.get(1) + 1);
        assertThat(second.getString("items[0].prevHash")).isEqualTo(first.getString("items[1].hash"));

        String lines = Api.auditor()
                .get("/v1/audit/export")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();
        String[] entries = lines.strip().split("\n");
        assertThat(JsonPath.from(entries[0]).getString("format")).isEqualTo("adreview-audit-export");
        assertThat(entries.length).isGreaterThanOrEqualTo(7);
        for (int i = 2; i < entries.length; i++) {
            assertThat(JsonPath.from(entries[i]).getLong("seq"))
                    .isEqualTo(JsonPath.from(entries[i]).getLong("entry._id"))
                    .isEqualTo(JsonPath.from(entries[i - 1]).getLong("seq") + 1);
            assertThat(JsonPath.from(entries[i]).getString("entry.prevHash"))
                    .isEqualTo(JsonPath.from(entries[i - 1]).getString("hash"));
        }
    }

    @Test
    void verificationNamesAnEntryEditedInTheStoreAndASignedCheckpointPinsTheChain() throws Exception {
        Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        Document checkpoint = checkpoints.checkpoint().orElseThrow();
        JsonPath latest = Api.auditor()
                .get("/v1/audit/checkpoints/latest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        // An auditor checks the signature with nothing but the published key and the signed text.
        java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
        ed.initVerify(CheckpointService.publicKey(latest.getString("publicKey")));
        ed.update(latest.getString("message").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(ed.verify(java.util.Base64.getDecoder().decode(latest.getString("signature"))))
                .isTrue();
        assertThat(latest.getLong("seq")).isEqualTo(checkpoint.getLong("_id"));
        // The key is served on its own, so that it can be taken once and every checkpoint checked against it.
        JsonPath key = Api.auditor()
                .get("/v1/audit/public-key")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(key.getString("publicKey")).isEqualTo(latest.getString("publicKey"));
        assertThat(key.getString("algorithm")).isEqualTo("Ed25519");
        assertThat(key.getString("pem")).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(key.getString("fingerprint")).matches("sha256:[0-9a-f]{64}");
        Api.auditor()
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("consistent", equalTo(true))
                .body("checkpointsVerified", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        MongoCollection<Document> entries = database.getCollection(AuditTrail.COLLECTION);
        long seq = latest.getLong("seq") - 1;
        Document original = entries.find(eq("_id", seq)).first();
        try {
            entries.updateOne(eq("_id", seq), Updates.set("actor", "user:someone-else"));
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("intact", equalTo(false))
                    .body("firstBadSeq", equalTo((int) seq))
                    .body("problem", org.hamcrest.Matchers.containsString("was changed"));
        } finally {
            entries.replaceOne(eq("_id", seq), original);
        }
        // Rewriting the chain consistently from there on still breaks the signed checkpoint.
        Document pinned = entries.find(eq("_id", latest.getLong("seq"))).first();
        try {
            entries.updateOne(eq("_id", latest.getLong("seq")), Updates.set("hash", "0".repeat(63) + "1"));
            Api.auditor().get("/v1/audit/verify").then().body("intact", equalTo(false));
        } finally {
            entries.replaceOne(eq("_id", latest.getLong("seq")), pinned);
        }
        Api.auditor().get("/v1/audit/verify").then().body("consistent", equalTo(true));
    }

    @Test
    void aDecisionReplaysToTheSameAnswerAndATamperedPackageIsNoticed() {
        String id =
                Api.submitted(TestPackages.example("04-rejected-shipping-fee").asNewEntity());
        Api.auditor()
                .post("/v1/audit/replay/{id}", id)
                .then()
                .statusCode(200)
                .body("matches", equalTo(true))
                .body("packIntact", equalTo(true))
                .body("packageIntact", equalTo(true))
                .body("contextIntact", equalTo(true))
                .body("storedStatus", equalTo("REJECTED"))
                .body("replayedStatus", equalTo("REJECTED"))
                .body("findings.size()", org.hamcrest.Matchers.greaterThan(0));

        database.getCollection("submissions")
                .updateOne(
                        eq("_id", new org.bson.types.ObjectId(id)), Updates.set("adPackage.creative.body", "正常的广告文案"));
        Api.auditor()
                .post("/v1/audit/replay/{id}", id)
                .then()
                .statusCode(200)
                .body("matches", equalTo(false))
                .body("packageIntact", equalTo(false))
                .body("differences", hasItems("the stored package is not the one the decision was recorded on"));
        Api.auditor()
                .post("/v1/audit/replay/{id}", "0123456789abcdef01234567")
                .then()
                .statusCode(404);
    }

    @Test
    void keysAndSuspensionsAreAuditedWithTheAdminWhoActed() {
        String key = Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"accountId\":\"acct-audited\",\"label\":\"audited\"}")
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.auditor()
                .queryParam("subject", "apiKey:" + key)
                .get("/v1/audit/events")
                .then()
                .body("items[0].action", equalTo("API_KEY_CREATED"))
                .body("items[0].actor", equalTo("user:admin"))
                .body("items[0].after.accountId", equalTo("acct-audited"));
        String complaint = Api.as("li")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"audited.example.cn\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                        + "\"description\":\"无法提现\",\"reporterId\":\"r-1\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.auditor()
                .queryParam("subject", "complaint:" + complaint)
                .get("/v1/audit/events")
                .then()
                .body("items[0].action", equalTo("COMPLAINT_RECORDED"))
                .body("items[0].actor", equalTo("user:li"))
                .body("items[0].after.subject.domain", equalTo("audited.example.cn"));
    }

    @Test
    void aMalformedCheckpointToVerifyAgainstIsA400NamingEachBadField() {
        Api.auditor()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/audit/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("checkpoint"));
        Api.auditor()
                .contentType(ContentType.JSON)
                .body("{\"checkpoint\":{\"seq\":\"seven\",\"hash\":\"xyz\",\"at\":\"yesterday\","
                        + "\"algorithm\":\"RSA\",\"signature\":\"AAAA\",\"extra\":1}}")
                .post("/v1/audit/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems(
                                "checkpoint.seq",
                                "checkpoint.hash",
                                "checkpoint.at",
                                "checkpoint.algorithm",
                                "checkpoint.publicKey",
                                "checkpoint.extra"));
        // Well-formed JSON, but not a key, not a signature, and a signed text that is not this checkpoint's.
        Api.auditor()
                .contentType(ContentType.JSON)
                .body("{\"checkpoint\":{\"seq\":7,\"hash\":\"" + "a".repeat(64) + "\",\"at\":\"2026-12-01T08:00:00Z\","
                        + "\"publicKey\":\"bm90IGEga2V5\",\"signature\":\"AAAA\",\"message\":\"hello\"}}")
                .post("/v1/audit/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("checkpoint.publicKey", "checkpoint.signature", "checkpoint.message"));
        Api.auditor()
                .contentType(ContentType.JSON)
                .body("not json")
                .post("/v1/audit/verify")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void theLatestCheckpointAsServedVerifiesTheTrail() {
        Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        checkpoints.checkpoint().orElseThrow();
        java.util.Map<String, Object> latest = Api.auditor()
                .get("/v1/audit/checkpoints/latest")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("");
        Api.auditor()
                .contentType(ContentType.JSON)
                .body(java.util.Map.of("checkpoint", latest))
                .post("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("consistent", equalTo(true))
                .body("witness.trailExtends", equalTo(true));
    }
}
