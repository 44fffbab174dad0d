package com.adreview.identity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.bson.types.ObjectId;

/** Identity conflicts, one per review case that decides one. */
@ApplicationScoped
class ConflictStore implements PanacheMongoRepositoryBase<ConflictDocument, ObjectId> {

    // The states as stored, for filters.
    static final String OPEN = ConflictState.OPEN.name();
    static final String CLOSED = ConflictState.CLOSED.name();

    void onStart(@Observes StartupEvent event) {
        mongoCollection().createIndex(Indexes.ascending("caseId"), new IndexOptions().unique(true));
        mongoCollection().createIndex(Indexes.ascending("claimant", "state"));
        mongoCollection().createIndex(Indexes.ascending("holders", "state"));
    }

    /** Stores an open conflict; a second one for the same case is ignored. */
    public void insertOpen(ConflictDocument doc) {
        try {
            persist(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    public Optional<ConflictDocument> byCase(String caseId) {
        return Optional.ofNullable(mongoCollection().find(eq("caseId", caseId)).first());
    }

    /** Closes the case's conflict if it is open; false when there is none open. */
    public boolean close(String caseId, String resolution, String by, Instant at) {
        return mongoCollection()
                        .updateOne(
                                and(eq("caseId", caseId), eq("state", OPEN)),
                                Updates.combine(
                                        Updates.set("state", CLOSED),
                                        Updates.set("resolution", resolution),
                                        Updates.set("closedBy", by),
                                        Updates.set("closedAt", at)))
                        .getModifiedCount()
                == 1;
    }

    /** Open conflicts in which any of the accounts is the claimant or a holder, oldest first. */
    public List<ConflictDocument> openInvolving(Collection<String> accounts) {
        List<String> list = new ArrayList<>(accounts);
        return mongoCollection()
                .find(and(eq("state", OPEN), or(in("claimant", list), in("holders", list))))
                .sort(Sorts.ascending("openedAt"))
                .into(new ArrayList<>());
    }
}
