package com.adreview.enforcement;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChange;
import com.adreview.feed.AdChangeFeed;
import com.adreview.outbox.Publication;
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
 * A sweep worker that died between making its pulls and publishing them: the intents it recorded on
 * its work item are found, those whose pull was made reach the feed and the trail, the others (never
 * made) do not — even when the suspension was lifted meanwhile and nobody sweeps it any more.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SweepIntentsTest {

    @Inject
    SuspensionSweeper sweeper;

    @Inject
    MongoDatabase database;

    @Inject
    AdChangeFeed feed;

    @Inject
    AuditTrail audit;

    private static Publication pull(String submissionId, String changeId, Instant at) {
        return new Publication(
                new AuditEvent(
                        "status:" + changeId,
                        at,
                        "system",
                        AuditAction.STATUS_CHANGED,
                        "submission:" + submissionId,
                        new Document("status", "APPROVED"),
                        new Document("status", "PULLED").append("cause", "CATEGORY_SUSPENDED"),
                        null),
                AdChange.of(at, submissionId, "ad", "acct", 1, "APPROVED", "PULLED", "CATEGORY_SUSPENDED"));
    }

    @Test
    void theIntentsOfADeadWorkerArePublishedForThePullsItMadeAndOnlyThose() throws Exception {
        String made = Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        String notMade = Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        Instant at = Instant.now().minusSeconds(60);
        String madeChange = UUID.randomUUID().toString();
        String notMadeChange = UUID.randomUUID().toString();
        // The pull the dead worker made: in the submission, with its change id, but published nowhere.
        database.getCollection("submissions")
                .updateOne(
                        eq("_id", new ObjectId(made)),
                        Updates.combine(
                                Updates.set("status", "PULLED"),
                                Updates.push(
                                        "statusChanges",
                                        new Document("changeId", madeChange).append("cause", "CATEGORY_SUSPENDED")),
                                Updates.inc("version", 1L)));
        // Its work item, of a suspension no longer swept, held by an instance whose lease ran out.
        ObjectId suspension = new ObjectId();
        Document item = new Document("_id", suspension.toHexString() + ":1:0")
                .append("suspensionId", suspension)
                .append("round", 1)
                .append("submissionIds", List.of(new ObjectId(made), new ObjectId(notMade)))
                .append("state", SweepChunkStore.CLAIMED)
                .append("owner", "dead-instance")
                .append("leaseExpiresAt", java.util.Date.from(at))
                .append("version", 2L)
                .append(
                        "intents",
                        List.of(
                                pull(made, madeChange, at).toDocument(),
                                pull(notMade, notMadeChange, at).toDocument()));
        database.getCollection("sweepChunks").insertOne(item);
        long feedBefore = feed.lastSeq();

        // Whichever instance's loop comes first finishes it: this one's, or the one running in the background.
        for (int i = 0;
                i < 50
                        && database.getCollection("sweepChunks")
                                        .find(eq("_id", item.get("_id")))
                                        .first()
                                        .get("intents")
                                != null;
                i++) {
            sweeper.step();
            Thread.sleep(20);
        }

        Document done = database.getCollection("sweepChunks")
                .find(eq("_id", item.get("_id")))
                .first();
        assertThat(done.getString("state")).isEqualTo(SweepChunkStore.DONE);
        assertThat(done.get("intents")).isNull();
        assertThat(feed.after(feedBefore, 100))
                .filteredOn(AdChange.class::isInstance)
                .extracting(e -> ((AdChange) e).submissionId())
                .contains(made)
                .doesNotContain(notMade);
        assertThat(audit.byKey("status:" + madeChange)).isNotNull();
        assertThat(audit.byKey("status:" + notMadeChange)).isNull();
    }
}
