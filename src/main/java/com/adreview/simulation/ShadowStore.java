package com.adreview.simulation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** The one shadow pack and its counts; counts are added with one $inc guarded by the installation. */
@ApplicationScoped
class ShadowStore implements PanacheMongoRepositoryBase<ShadowDocument, String> {

    static final String ID = "shadow";
    static final String COLLECTION = "policyShadow";

    Optional<ShadowDocument> current() {
        return findByIdOptional(ID);
    }

    /** Installs (or replaces) the shadow; its counts start from zero. */
    void install(ShadowDocument doc) {
        doc.id = ID;
        mongoCollection().replaceOne(Filters.eq("_id", ID), doc, new ReplaceOptions().upsert(true));
    }

    /** Removes the installation, if it is the one in place and not removed yet. */
    boolean remove(ObjectId installation, String actor, Instant at, Publication publication) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", ID), eq("installation", installation), eq("removedAt", null)),
                                Updates.combine(
                                        Updates.set("removedAt", at),
                                        Updates.set("removedBy", actor),
                                        Outbox.add(publication)))
                        .getModifiedCount()
                == 1;
    }

    /** Adds an instance's counts to the installation's, if it is still in place. */
    boolean add(ObjectId installation, Tally t, long sampled, long notCompared) {
        List<Bson> inc = new ArrayList<>();
        inc.add(Updates.inc("notCompared", notCompared));
        inc.add(Updates.inc("tally.decided", t.decided));
        inc.add(Updates.inc("tally.affected", t.affected));
        inc.add(Updates.inc("sampled", sampled));
        incAll(inc, "tally.transitions.", t.transitions);
        incAll(inc, "tally.topicsAppearing.", t.topicsAppearing);
        incAll(inc, "tally.topicsDisappearing.", t.topicsDisappearing);
        incAll(inc, "tally.rulesAppearing.", t.rulesAppearing);
        incAll(inc, "tally.rulesDisappearing.", t.rulesDisappearing);
        incAll(inc, "tally.categories.", t.categories);
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", ID), eq("installation", installation), eq("removedAt", null)),
                                Updates.combine(inc))
                        .getMatchedCount()
                == 1;
    }

    private static void incAll(List<Bson> inc, String prefix, Map<String, Long> counts) {
        counts.forEach((k, v) -> inc.add(Updates.inc(prefix + k, v)));
    }
}
