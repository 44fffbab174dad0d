package com.adreview.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
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
        return database.getCollection(Checkpoints.COLLECTION);
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
        long end = appendUntil(3);
        long boundary = end - 3;
        Api.auditor()
                .get("/v1/audit/verify")
                .then()
                .statusCode(200)
                .body("status", equalTo("UNVERIFIED_TAIL"))
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
                    .body("lastSeq", equalTo((int) boundary - 2))
                    .body("firstBadSeq", equalTo((int) boundary - 1))
                    .body("problem", containsString("entries " + (boundary - 1) + "–" + boundary + " are missing"))
                    .body("problem", containsString("checkpoint " + boundary))
                    .body("unverifiedTail", nullValue());
        } finally {
            restore(removed);
        }
        Api.auditor().get("/v1/audit/verify").then().body("intact", equalTo(true));
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
                        .append("publicKey", Checkpoints.RETIRED_DEVELOPMENT_KEY)
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
}
