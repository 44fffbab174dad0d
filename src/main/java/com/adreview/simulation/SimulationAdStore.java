package com.adreview.simulation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** The affected ads of simulations, paged per simulation and scope in submission order. */
@ApplicationScoped
class SimulationAdStore implements PanacheMongoRepositoryBase<SimulationAdDocument, String> {

    void onStart(@Observes StartupEvent event) {
        mongoCollection()
                .createIndex(
                        Indexes.ascending("simulationId", "scope", "submissionId"),
                        new IndexOptions().name("simulation_scope_submission"));
    }

    /** Deletes a simulation's affected ads. */
    long forget(ObjectId simulation) {
        return mongoCollection().deleteMany(eq("simulationId", simulation)).getDeletedCount();
    }

    /** Records a step's affected ads; those a step made before (by a holder that died) are left as they are. */
    void insertAll(List<SimulationAdDocument> ads) {
        if (ads.isEmpty()) {
            return;
        }
        try {
            mongoCollection().insertMany(ads, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    /** Up to {@code limit} affected ads of the simulation's scope after the submission {@code after}. */
    List<SimulationAdDocument> page(ObjectId simulation, String scope, ObjectId after, int limit) {
        List<Bson> filters = new ArrayList<>(3);
        filters.add(eq("simulationId", simulation));
        filters.add(eq("scope", scope));
        if (after != null) {
            filters.add(gt("submissionId", after));
        }
        return mongoCollection()
                .find(and(filters))
                .sort(Sorts.ascending("submissionId"))
                .limit(limit)
                .into(new ArrayList<>(limit));
    }
}
