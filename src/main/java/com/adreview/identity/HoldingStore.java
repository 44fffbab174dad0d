package com.adreview.identity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.or;

import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.store.CoveredWrites;
import com.adreview.store.SharedRoundTrip;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/** Who holds which identifier, keyed by the identifier; indexed by holder. */
@ApplicationScoped
class HoldingStore implements PanacheMongoRepositoryBase<HoldingDocument, String> {

    public static final String COLLECTION = "identifierHoldings";

    /** Where the store keeps what it did once: the recomputation of holdings from earlier submissions. */
    private static final String STATE = "identityState";

    private static final String RECOMPUTED = "holdings-recomputed";

    private final OutboxRelay relay;

    public HoldingStore(OutboxRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(COLLECTION);
        // Unique because _id is: the embedded store reads a range of a unique index for a fixed holder,
        // where it would scan every holding for a plain one; MongoDB serves holder lookups from it too.
        mongoCollection()
                .createIndex(
                        Indexes.ascending("holder", "_id"),
                        new IndexOptions().unique(true).name("holder_id"));
    }

    /** The holdings of these identifier keys that exist: one index lookup. */
    public Map<String, HoldingDocument> byKeys(Collection<String> keys) {
        Map<String, HoldingDocument> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        for (HoldingDocument d : mongoCollection().find(in("_id", new ArrayList<>(keys)))) {
            out.put(d.id, d);
        }
        return out;
    }

    /**
     * In one read, the holdings of these identifier keys that exist and everything these accounts hold:
     * an {@code $or} of two index lookups (by {@code _id}, by {@code holder}), which MongoDB and the
     * embedded store both answer as the union of the lookups.
     */
    public List<HoldingDocument> byKeysOrHolders(Collection<String> keys, Collection<String> holders) {
        if (keys.isEmpty() && holders.isEmpty()) {
            return List.of();
        }
        return keysOrHoldersReads.apply(new KeysOrHolders(Set.copyOf(keys), Set.copyOf(holders)));
    }

    /** What one caller of {@link #byKeysOrHolders} asks. */
    private record KeysOrHolders(Set<String> keys, Set<String> holders) {}

    /** At most this many callers' lookups in one read. */
    static final int SHARED_READS = 64;

    /** Intake's lookups, shared by the requests that make them at once ({@link SharedRoundTrip}). */
    private final SharedRoundTrip<KeysOrHolders, List<HoldingDocument>> keysOrHoldersReads =
            new SharedRoundTrip<>(SHARED_READS, this::byKeysOrHoldersTogether);

    /** Several callers' lookups in one read of the union; then each one's, as it would have read it alone. */
    private List<List<HoldingDocument>> byKeysOrHoldersTogether(List<KeysOrHolders> asked) {
        if (asked.size() == 1) {
            return List.of(read(asked.get(0).keys(), asked.get(0).holders()));
        }
        Set<String> keys = new HashSet<>();
        Set<String> holders = new HashSet<>();
        for (KeysOrHolders a : asked) {
            keys.addAll(a.keys());
            holders.addAll(a.holders());
        }
        List<HoldingDocument> all = read(keys, holders);
        List<List<HoldingDocument>> out = new ArrayList<>(asked.size());
        for (KeysOrHolders a : asked) {
            List<HoldingDocument> its = new ArrayList<>();
            for (HoldingDocument d : all) {
                if (a.keys().contains(d.id) || a.holders().contains(d.holder)) {
                    its.add(d);
                }
            }
            out.add(its);
        }
        return out;
    }

    private List<HoldingDocument> read(Collection<String> keys, Collection<String> holders) {
        List<Bson> branches = new ArrayList<>(2);
        if (!keys.isEmpty()) {
            branches.add(in("_id", new ArrayList<>(keys)));
        }
        if (!holders.isEmpty()) {
            branches.add(in("holder", new ArrayList<>(holders)));
        }
        if (branches.isEmpty()) {
            return List.of();
        }
        Bson filter = branches.size() == 1 ? branches.get(0) : or(branches);
        return mongoCollection().find(filter).into(new ArrayList<>());
    }

    public Optional<HoldingDocument> byKey(String key) {
        return findByIdOptional(key);
    }

    /** Everything the accounts hold: one index range per account (an entity has few). */
    public List<HoldingDocument> heldBy(Collection<String> accounts) {
        List<HoldingDocument> out = new ArrayList<>();
        for (String account : accounts) {
            mongoCollection().find(eq("holder", account)).into(out);
        }
        return out;
    }

    /** Stores a first holding; false when another holds the identifier already (it was named first). */
    public boolean insertFirst(HoldingDocument doc) {
        try {
            persist(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Stores first holdings in one write; those whose identifier someone else holds by now are refused
     * by the unique key. Returns the ones stored. Each carries its publication in its outbox, and the
     * caller publishes the ones stored: that publication's durable write covers this one
     * ({@link CoveredWrites}).
     */
    public List<HoldingDocument> insertFirstAll(List<HoldingDocument> docs) {
        if (docs.isEmpty()) {
            return List.of();
        }
        try {
            CoveredWrites.of(mongoCollection()).insertMany(docs, new InsertManyOptions().ordered(false));
            return docs;
        } catch (MongoBulkWriteException e) {
            java.util.Set<Integer> refused = new java.util.HashSet<>();
            for (var error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refused.add(error.getIndex());
            }
            List<HoldingDocument> stored = new java.util.ArrayList<>(docs.size() - refused.size());
            for (int i = 0; i < docs.size(); i++) {
                if (!refused.contains(i)) {
                    stored.add(docs.get(i));
                }
            }
            return stored;
        }
    }

    /** Stores holdings in bulk, keeping any that exist already (recomputation at start-up). */
    public void insertMissing(List<HoldingDocument> docs) {
        if (docs.isEmpty()) {
            return;
        }
        try {
            mongoCollection().insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }

    /**
     * Gives the identifier to another holder if the holding is still as read, keeping the previous one
     * in its history and the change's audit event in its outbox.
     */
    public boolean reassign(
            HoldingDocument read, String holder, Instant at, String by, String reason, Publication publication) {
        Document previous = new Document("holder", read.holder)
                .append("since", Date.from(read.since))
                .append("until", Date.from(at))
                .append("how", read.how)
                .append("by", read.by);
        if (read.reason != null) {
            previous.append("reason", read.reason);
        }
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", read.id), eq("version", read.version)),
                                Updates.combine(
                                        Updates.set("holder", holder),
                                        Updates.set("since", at),
                                        Updates.set("how", "ASSIGNED"),
                                        Updates.set("by", by),
                                        Updates.set("reason", reason),
                                        Updates.push("history", previous),
                                        Outbox.add(publication),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    /** When the holdings were recomputed from the submissions stored before identifiers were held; null if never. */
    public Instant recomputedAt() {
        Document state =
                mongoDatabase().getCollection(STATE).find(eq("_id", RECOMPUTED)).first();
        return state == null ? null : state.getDate("at").toInstant();
    }

    public void markRecomputed(Instant at, Document summary) {
        mongoDatabase()
                .getCollection(STATE)
                .replaceOne(
                        eq("_id", RECOMPUTED),
                        new Document("_id", RECOMPUTED)
                                .append("at", Date.from(at))
                                .append("summary", summary),
                        new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }
}
