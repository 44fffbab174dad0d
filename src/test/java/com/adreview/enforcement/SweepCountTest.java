package com.adreview.enforcement;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.Category;
import com.adreview.suspension.Suspension;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * What a work item reports pulled is counted from its ads, not from what its last holder did: a
 * holder that takes the item over from one that pulled everything and died counts those pulls, so
 * the items add up to the sweep's total; ads pulled for another reason are not counted.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SweepCountTest {

    @Inject
    SweepWorker worker;

    @Inject
    SweepChunkStore chunks;

    @Inject
    MongoDatabase database;

    @Test
    void anItemTakenOverCountsThePullsItsFirstHolderMadeAndOnlyThoseOfItsSuspension() {
        List<ObjectId> ads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ads.add(new ObjectId(
                    Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity())));
        }
        // One of them a reviewer pulled already, for a reason of their own.
        database.getCollection("submissions")
                .updateOne(
                        eq("_id", ads.get(3)),
                        Updates.combine(
                                Updates.set("status", "PULLED"),
                                Updates.push(
                                        "statusChanges",
                                        new Document("changeId", new ObjectId().toHexString())
                                                .append("cause", "MANUAL_PULL")),
                                Updates.inc("version", 1L)));
        // A suspension nobody else sweeps (it is not stored), and its item, held by a first instance.
        ObjectId suspensionId = new ObjectId();
        Suspension suspension = new Suspension(
                suspensionId.toHexString(),
                Category.P2P_LENDING,
                "test",
                Suspension.State.ACTIVE,
                Instant.now(),
                "test",
                null,
                null,
                Suspension.Sweep.RUNNING,
                1,
                0,
                null,
                null);
        SweepChunkDocument item = new SweepChunkDocument();
        item.id = suspensionId.toHexString() + ":1:0";
        item.suspensionId = suspensionId;
        item.round = 1;
        item.submissionIds = ads;
        item.state = SweepChunkState.CLAIMED;
        item.owner = "first-instance";
        item.leaseExpiresAt = Instant.now().plusSeconds(300);
        item.version = 1;
        chunks.insertAll(List.of(item));

        assertThat(worker.process(item, suspension)).isEqualTo(3);

        // The first instance died before recording the item done; a second takes it over.
        database.getCollection("sweepChunks").updateOne(eq("_id", item.id), Updates.set("owner", "second-instance"));
        item.owner = "second-instance";
        assertThat(worker.process(item, suspension)).isEqualTo(3);
        assertThat(chunks.done(item, 3)).isTrue();
        assertThat(chunks.pulledSoFar(suspension.id())).containsEntry("second-instance", 3L);

        for (ObjectId ad : ads.subList(0, 3)) {
            Document pulled =
                    database.getCollection("submissions").find(eq("_id", ad)).first();
            assertThat(pulled.getString("status")).isEqualTo("PULLED");
            assertThat(pulled.getList("statusChanges", Document.class))
                    .extracting(c -> c.getString("suspensionId"))
                    .containsOnlyOnce(suspension.id());
        }
    }
}
