package com.adreview.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * What someone who can write the store (but holds no key) can do to the trail, and what finds it: a
 * checkpoint every few entries, verification that never calls entries no checkpoint covers intact, and
 * checkpoints kept by witnesses. An application of its own (checkpoints every {@value #EVERY} entries),
 * since the tests cut the trail; each puts back what it removed.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(AuditTamperingTest.CheckpointEveryFive.class)
class AuditTamperingTest {

    static final int EVERY = 5;

    public static class CheckpointEveryFive implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adreview.audit.checkpoint-entries", "" + EVERY, "adreview.audit.checkpoint-interval", "1H");
        }
    }

    @Inject
    AuditTrail trail;

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> entries() {
        return database.getCollection(AuditTrail.COLLECTION);
    }

    private MongoCollection<Document> checkpoints() {
        return database.getCollection(CheckpointService.COLLECTION);
    }

    private static AuditEvent event() {
        String key = "tamper-test:" + UUID.randomUUID();
        return new AuditEvent(
                key,
                Instant.parse("2026-12-01T08:00:00Z"),
                "user:li",
                AuditAction.STATUS_CHANGED,
                "submission:" + key,
                new Document("status", "APPROVED"),
                new Document("status", "PULLED"),
                null);
    }

    /** Appends until the trail's last entry is a multiple of {@link #EVERY} plus {@code past}; its seq. */
    private long appendUntil(int past) {
        long last = trail.last() == null ? 0 : trail.last().getLong("_id");
        long target = (last / EVERY + 1) * EVERY + past;
        List<AuditEvent> events = new ArrayList<>();
        for (long seq = last + 1; seq <= target; seq++) {
            events.add(event());
        }
        trail.append(events);
        return target;
    }

    /** Removes the entries after {@code seq} and sets the trail's recorded end back, as a store writer would. */
    private List<Document> truncateAfter(long seq) {
        List<Document> removed =
                entries().find(gt("_id", seq)).sort(Sorts.ascending("_id")).into(new ArrayList<>());
        entries().deleteMany(gt("_id", seq));
        database.getCollection("logHeads").updateOne(eq("_id", AuditTrail.COLLECTION), Updates.set("last", seq));
        return removed;
    }

    private void restore(List<Document> removed) {
        entries().insertMany(removed);
        database.getCollection("logHeads")
                .updateOne(
                        eq("_id", AuditTrail.COLLECTION),
                        Updates.set("last", removed.get(removed.size() - 1).getLong("_id")));
    }

    @Test
    void everyFifthEntryIsCheckpointedAsItIsAppended() {
        long end = appendUntil(2);
        long boundary = end - 2;

        for (long seq = boundary; seq > end - 2 * EVERY - 2 && seq > 0; seq -= EVERY) {
            Document checkpoint = checkpoints().find(eq("_id", seq)).first();
            assertThat(checkpoint).as("checkpoint at " + seq).isNotNull();
            assertThat(checkpoint.getString("hash")).isEqualTo(trail.entry(seq).getString("hash"));
        }
        assertThat(checkpoints().find(eq("_id", end)).first()).isNull();
    }

    @Test
    void entriesNoCheckpointCoversAreReportedAsAnUnverifiedTailNotAsIntact() {
        // Only a trail a checkpoint covers to its end is intact.
        long covered = appendUntil(0);
        Api.auditor()
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"))
                .body("intact", equalTo(true))
                .body("consistent", equalTo(true))
                .body("verifiedThrough", equalTo((int) covered))
                .body("unverifiedTail", nullValue());

        long end = appendUntil(3);
        long boundary = end - 3;
        Api.auditor()
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("UNVERIFIED_TAIL"))
                .body("intact", equalTo(false))
                .body("consistent", equalTo(true))
                .body("verifiedThrough", equalTo((int) boundary))
                .body("unverifiedTail.count", equalTo(3))
                .body("unverifiedTail.fromSeq", equalTo((int) boundary + 1))
                .body("unverifiedTail.toSeq", equalTo((int) end));

        // The newest entry deleted and the recorded end set back: nothing signed covers it, so the answer
        // cannot say it is missing, but it does not say the trail is verified either.
        List<Document> removed = truncateAfter(end - 1);
        try {
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("status", equalTo("UNVERIFIED_TAIL"))
                    .body("intact", equalTo(false))
                    .body("lastSeq", equalTo((int) end - 1))
                    .body("unverifiedTail.count", equalTo(2))
                    .body("unverifiedTail.toSeq", equalTo((int) end - 1));
        } finally {
            restore(removed);
        }
    }

    @Test
    void deletingEntriesACheckpointCoversIsNamed() {
        long end = appendUntil(1);
        long boundary = end - 1;
        List<Document> removed = truncateAfter(boundary - 2);
        try {
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("status", equalTo("BROKEN"))
                    .body("intact", equalTo(false))
                    .body("consistent", equalTo(false))
                    .body("lastSeq", equalTo((int) boundary - 2))
                    .body("firstBadSeq", equalTo((int) boundary - 1))
                    .body("problem", containsString("entries " + (boundary - 1) + "–" + boundary + " are missing"))
                    .body("problem", containsString("checkpoint " + boundary))
                    .body("unverifiedTail", nullValue());
        } finally {
            restore(removed);
        }
        Api.auditor().get("/v1/audit/verify").then().body("consistent", equalTo(true));
    }

    @Test
    void aCheckpointUnderTheRetiredDevelopmentKeyIsSetAsideNotCounted() {
        long end = appendUntil(1);
        Document entry = trail.entry(end);
        // What a data directory of an earlier release holds: a checkpoint signed with the key it shipped.
        checkpoints()
                .insertOne(new Document("_id", end)
                        .append("hash", entry.getString("hash"))
                        .append("at", new java.util.Date())
                        .append("algorithm", "Ed25519")
                        .append("publicKey", CheckpointService.RETIRED_DEVELOPMENT_KEY)
                        .append("signature", "AAAA"));
        try {
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("status", equalTo("UNVERIFIED_TAIL"))
                    .body("checkpointsRetired", equalTo(1))
                    .body("verifiedThrough", equalTo((int) end - 1))
                    .body("unverifiedTail.fromSeq", equalTo((int) end));
        } finally {
            checkpoints().deleteOne(eq("_id", end));
        }
    }

    /** The checkpoint of that trail entry as a feed reader holds it (the feed's entry's {@code checkpoint}). */
    private static Map<String, Object> witnessed(long seq) {
        long after = 0;
        while (true) {
            JsonPath page = Api.auditor()
                    .queryParam("after", after)
                    .queryParam("limit", 100)
                    .queryParam("kind", "AUDIT_CHECKPOINT")
                    .get("/v1/ads/changes")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (Map<String, Object> item : items) {
                assertThat(item.get("kind")).isEqualTo("AUDIT_CHECKPOINT");
                @SuppressWarnings("unchecked")
                Map<String, Object> checkpoint = (Map<String, Object>) item.get("checkpoint");
                if (((Number) checkpoint.get("seq")).longValue() == seq) {
                    return checkpoint;
                }
            }
            long next = page.getLong("next");
            if (next == after) {
                throw new AssertionError("checkpoint " + seq + " is not in the feed");
            }
            after = next;
        }
    }

    private static ValidatableResponse verifyAgainst(Map<String, Object> checkpoint) {
        return Api.auditor()
                .contentType(ContentType.JSON)
                .body(Map.of("checkpoint", checkpoint))
                .post("/v1/audit/verify")
                .then()
                .statusCode(200);
    }

    /** The entries from {@code seq} on, changed at {@code seq} and chained again consistently to the end. */
    private List<Document> rewriteFrom(long seq) {
        List<Document> originals = entries()
                .find(com.mongodb.client.model.Filters.gte("_id", seq))
                .sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
        String previous = trail.entry(seq - 1).getString("hash");
        for (Document original : originals) {
            Document rewritten = new Document(original);
            if (original.getLong("_id") == seq) {
                rewritten.put("actor", "user:someone-else");
            }
            rewritten.put("prevHash", previous);
            rewritten.put("hash", AuditTrail.hashOf(rewritten));
            previous = rewritten.getString("hash");
            entries().replaceOne(eq("_id", original.getLong("_id")), rewritten);
        }
        return originals;
    }

    @Test
    void aCheckpointIsPublishedInTheFeedAndAWitnessGivesItBackToVerifyTheTrail() {
        long end = appendUntil(2);
        long boundary = end - 2;
        Map<String, Object> held = witnessed(boundary);
        assertThat(held.get("hash")).isEqualTo(trail.entry(boundary).getString("hash"));
        // Ad-serving readers that ask for nothing else see ad changes only, as before.
        Api.auditor()
                .queryParam("after", 0)
                .queryParam("limit", 100)
                .get("/v1/ads/changes")
                .then()
                .body("items.kind", everyItem(equalTo("AD_STATUS")));

        verifyAgainst(held)
                .body("consistent", equalTo(true))
                .body("intact", equalTo(false))
                .body("witness.seq", equalTo((int) boundary))
                .body("witness.signatureValid", equalTo(true))
                .body("witness.trailExtends", equalTo(true))
                .body("witness.problem", nullValue())
                .body("verifiedThrough", equalTo((int) boundary))
                .body("unverifiedTail.count", equalTo(2));
    }

    @Test
    void aTrailRewrittenAndChainedAgainBehindAWitnessedCheckpointIsNamedThoughTheStoresCheckpointsAreGone() {
        long end = appendUntil(2);
        long boundary = end - 2;
        Map<String, Object> held = witnessed(boundary);
        long rewritten = boundary - 3;
        // What a writer of the store without the key can do: change an entry, chain every later one again,
        // and remove the checkpoints that no longer match (it cannot sign new ones).
        List<Document> originals = rewriteFrom(rewritten);
        List<Document> removedCheckpoints = checkpoints()
                .find(com.mongodb.client.model.Filters.gte("_id", rewritten))
                .into(new ArrayList<>());
        checkpoints().deleteMany(com.mongodb.client.model.Filters.gte("_id", rewritten));
        try {
            // The store alone cannot tell: nothing signed covers the rewritten entries any more.
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("consistent", equalTo(true))
                    .body("intact", equalTo(false))
                    .body("status", equalTo("UNVERIFIED_TAIL"));
            // The witness can.
            verifyAgainst(held)
                    .body("status", equalTo("BROKEN"))
                    .body("intact", equalTo(false))
                    .body("witness.signatureValid", equalTo(true))
                    .body("witness.trailExtends", equalTo(false))
                    .body("firstBadSeq", equalTo((int) boundary))
                    .body("problem", containsString("rewritten at or before entry " + boundary));
        } finally {
            originals.forEach(d -> entries().replaceOne(eq("_id", d.getLong("_id")), d));
            checkpoints().insertMany(removedCheckpoints);
        }
        verifyAgainst(held).body("consistent", equalTo(true));
    }

    @Test
    void aTrailCutShortBehindAWitnessedCheckpointIsNamed() {
        long end = appendUntil(1);
        long boundary = end - 1;
        Map<String, Object> held = witnessed(boundary);
        List<Document> removed = truncateAfter(boundary - 2);
        List<Document> removedCheckpoints =
                checkpoints().find(gt("_id", boundary - 2)).into(new ArrayList<>());
        checkpoints().deleteMany(gt("_id", boundary - 2));
        try {
            Api.auditor()
                    .get("/v1/audit/verify")
                    .then()
                    .body("consistent", equalTo(true))
                    .body("intact", equalTo(false));
            verifyAgainst(held)
                    .body("status", equalTo("BROKEN"))
                    .body("witness.trailExtends", equalTo(false))
                    .body("firstBadSeq", equalTo((int) boundary - 1))
                    .body("problem", containsString("entries " + (boundary - 1) + "–" + boundary + " are missing"));
        } finally {
            restore(removed);
            checkpoints().insertMany(removedCheckpoints);
        }
    }

    @Test
    void aCheckpointThisServiceDidNotSignDoesNotVouchForAnything() throws Exception {
        long end = appendUntil(1);
        Map<String, Object> held = new java.util.HashMap<>(witnessed(end - 1));
        byte[] signature = java.util.Base64.getDecoder().decode((String) held.get("signature"));
        signature[0] ^= 1;
        held.put("signature", java.util.Base64.getEncoder().encodeToString(signature));
        verifyAgainst(held)
                .body("status", equalTo("BROKEN"))
                .body("witness.signatureValid", equalTo(false))
                .body("problem", containsString("does not verify"));

        // Signed by someone else's key, over the right entry: still not this service's checkpoint.
        java.security.KeyPair other =
                java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
        ed.initSign(other.getPrivate());
        ed.update(((String) held.get("message")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        held.put("signature", java.util.Base64.getEncoder().encodeToString(ed.sign()));
        held.put(
                "publicKey",
                java.util.Base64.getEncoder().encodeToString(other.getPublic().getEncoded()));
        verifyAgainst(held)
                .body("status", equalTo("BROKEN"))
                .body("witness.signatureValid", equalTo(false))
                .body("problem", containsString("not signed with this service's key"));
    }

    @Test
    void aWebhookSubscriberReceivesEveryCheckpointAndCanGiveItBack() throws Exception {
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer witness =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        witness.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        witness.start();
        String webhook = Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"url\":\"http://127.0.0.1:" + witness.getAddress().getPort() + "/hook\"}")
                .post("/v1/webhooks")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        try {
            long boundary = appendUntil(0);
            JsonPath delivered = null;
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
            while (delivered == null && java.time.Instant.now().isBefore(deadline)) {
                for (String body : bodies) {
                    JsonPath b = JsonPath.from(body);
                    if ("AUDIT_CHECKPOINT".equals(b.getString("kind")) && b.getLong("checkpoint.seq") == boundary) {
                        delivered = b;
                    }
                }
                Thread.sleep(50);
            }
            assertThat(delivered)
                    .as("checkpoint " + boundary + " delivered; got " + bodies)
                    .isNotNull();
            verifyAgainst(delivered.getMap("checkpoint"))
                    .body("witness.trailExtends", equalTo(true))
                    .body("consistent", equalTo(true));
        } finally {
            Api.admin().delete("/v1/webhooks/{id}", webhook).then().statusCode(200);
            witness.stop(0);
        }
    }
}
