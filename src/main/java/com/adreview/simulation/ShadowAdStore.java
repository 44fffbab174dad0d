package com.adreview.simulation;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.bson.types.ObjectId;

/** Sample disagreements of shadow installations, newest first. */
@ApplicationScoped
class ShadowAdStore implements PanacheMongoRepositoryBase<ShadowAdDocument, ObjectId> {

    void onStart(@Observes StartupEvent event) {
        mongoCollection()
                .createIndex(Indexes.compoundIndex(Indexes.ascending("installation"), Indexes.descending("_id")));
    }

    void insertAll(List<ShadowAdDocument> samples) {
        if (!samples.isEmpty()) {
            mongoCollection().insertMany(samples);
        }
    }

    /** Deletes an installation's samples (it was replaced: nothing shows them any more). */
    long forget(ObjectId installation) {
        return mongoCollection().deleteMany(eq("installation", installation)).getDeletedCount();
    }

    List<ShadowAdDocument> newest(ObjectId installation, int limit) {
        return mongoCollection()
                .find(eq("installation", installation))
                .sort(Sorts.descending("_id"))
                .limit(limit)
                .into(new ArrayList<>(limit));
    }
}
