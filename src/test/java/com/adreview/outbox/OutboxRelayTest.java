package com.adreview.outbox;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEntryView;
import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChange;
import com.adreview.feed.AdChangeFeed;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * A change whose instance died between the write and its publication is still told: the relay finds
 * it in the document's outbox and publishes it to the feed and the audit trail, once.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class OutboxRelayTest {

    @Inject
    OutboxRelay relay;

    @Inject
    MongoDatabase database;

    @Inject
    AdChangeFeed feed;

    @Inject
    AuditTrail audit;

    @Test
    void aPullLeftUnpublishedByACrashReachesTheFeedAndTheTrailOnce() {
        String id = Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        // What a guarded pull writes in one update, with the process dying before it publishes.
        Instant at = Instant.now().minusSeconds(60);
        String key = "status:" + UUID.randomUUID();
        Publication unpublished = new Publication(
                new AuditEvent(
                        key,
                        at,
                        "system",
                        AuditAction.STATUS_CHANGED,
                        "submission:" + id,
                        new Document("status", "APPROVED"),
                        new Document("status", "PULLED").append("cause", "COMPLAINT"),
                        null),
                AdChange.of(at, id, "ad", "acct", 1, "APPROVED", "PULLED", "COMPLAINT"));
        database.getCollection("submissions")
                .updateOne(
                        eq("_id", new ObjectId(id)),
                        Updates.combine(Updates.set("status", "PULLED"), Outbox.add(unpublished)));
        long feedBefore = feed.lastSeq();

        assertThat(relay.relay(Instant.now())).isGreaterThanOrEqualTo(1);

        List<AdChange> told = feed.after(feedBefore, 100).stream()
                .filter(AdChange.class::isInstance)
                .map(AdChange.class::cast)
                .toList();
        assertThat(told)
                .extracting(AdChange::submissionId, AdChange::to)
                .contains(org.assertj.core.groups.Tuple.tuple(id, "PULLED"));
        assertThat(audit.page(new AuditTrail.Query("submission:" + id, null, "STATUS_CHANGED", null, null), 0, 10)
                        .items())
                .extracting(AuditEntryView::key)
                .containsExactly(key);
        Document stored = database.getCollection("submissions")
                .find(eq("_id", new ObjectId(id)))
                .first();
        assertThat(stored.getList(Outbox.FIELD, Document.class)).isEmpty();

        long after = feed.lastSeq();
        assertThat(relay.relay(Instant.now())).isZero();
        assertThat(feed.lastSeq()).isEqualTo(after);
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void aWriteStillInFlightIsLeftToItsOwnInstance() {
        String id = Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        Instant now = Instant.now();
        Publication fresh = Publication.of(new AuditEvent(
                "status:" + UUID.randomUUID(),
                now,
                "system",
                AuditAction.STATUS_CHANGED,
                "submission:" + id,
                null,
                null,
                null));
        database.getCollection("submissions").updateOne(eq("_id", new ObjectId(id)), Outbox.add(fresh));
        assertThat(relay.relay(now.minusSeconds(10))).isZero();
        assertThat(relay.relay(now.plusMillis(1))).isEqualTo(1);
    }
}
