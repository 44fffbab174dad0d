package com.adreview.identity;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.adreview.api.PageRequest;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.store.SharedRoundTrip;
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
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/** Confirmed links between advertiser accounts. */
@ApplicationScoped
class LinkStore implements PanacheMongoRepositoryBase<LinkDocument, ObjectId> {

    public static final String COLLECTION = "entityLinks";

    private final OutboxRelay relay;

    public LinkStore(OutboxRelay relay) {
        this.relay = relay;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(COLLECTION);
        mongoCollection()
                .createIndex(
                        Indexes.ascending("pairKey"),
                        new IndexOptions().unique(true).name("one_active_link"));
        mongoCollection().createIndex(Indexes.ascending("accounts", "active"));
        mongoCollection().createIndex(Indexes.descending("confirmedAt", "_id"));
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
    }

    /** The active links of any of the accounts. */
    public List<LinkDocument> activeOf(Collection<String> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        return activeReads.apply(Set.copyOf(accounts));
    }

    /** At most this many callers' accounts in one read. */
    static final int SHARED_READS = 64;

    /**
     * Intake's reads of links (every submission finds its account's group), shared by the requests that
     * make them at once ({@link SharedRoundTrip}).
     */
    private final SharedRoundTrip<Set<String>, List<LinkDocument>> activeReads =
            new SharedRoundTrip<>(SHARED_READS, this::activeOfTogether);

    /** Several callers' reads in one of the union; then each one's links, those naming any of its accounts. */
    private List<List<LinkDocument>> activeOfTogether(List<Set<String>> asked) {
        Set<String> accounts = new HashSet<>();
        asked.forEach(accounts::addAll);
        List<LinkDocument> all = mongoCollection()
                .find(and(in("accounts", new ArrayList<>(accounts)), eq("active", true)))
                .into(new ArrayList<>());
        if (asked.size() == 1) {
            return List.of(all);
        }
        List<List<LinkDocument>> out = new ArrayList<>(asked.size());
        for (Set<String> a : asked) {
            List<LinkDocument> its = new ArrayList<>();
            for (LinkDocument d : all) {
                if (d.accounts != null && d.accounts.stream().anyMatch(a::contains)) {
                    its.add(d);
                }
            }
            out.add(its);
        }
        return out;
    }

    public Optional<LinkDocument> activeBetween(String a, String b) {
        return Optional.ofNullable(
                mongoCollection().find(eq("pairKey", pairKey(a, b))).first());
    }

    public Optional<LinkDocument> byId(String id) {
        return ObjectId.isValid(id) ? findByIdOptional(new ObjectId(id)) : Optional.empty();
    }

    /** Stores a new active link; false when the pair is linked already. */
    public boolean insertActive(LinkDocument doc) {
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

    /** Ends an active link, if it is still as read. */
    public boolean remove(LinkDocument read, String by, Instant at, String reason, Publication publication) {
        return mongoCollection()
                        .updateOne(
                                and(eq("_id", read.id), eq("version", read.version), eq("active", true)),
                                Updates.combine(
                                        Updates.set("active", false),
                                        Updates.set("pairKey", "removed:" + read.id.toHexString()),
                                        Updates.set("removedBy", by),
                                        Updates.set("removedAt", at),
                                        Updates.set("removalReason", reason),
                                        Outbox.add(publication),
                                        Updates.inc("version", 1L)))
                        .getModifiedCount()
                == 1;
    }

    /** Newest first, optionally only the links of an account; one more than the page to see whether another follows. */
    public List<LinkDocument> page(String account, PageRequest page) {
        List<Bson> filters = new ArrayList<>();
        if (account != null) {
            filters.add(eq("accounts", account));
        }
        if (page.after() != null) {
            Date after = Date.from(page.after());
            filters.add(or(
                    lt("confirmedAt", after), and(eq("confirmedAt", after), lt("_id", new ObjectId(page.afterId())))));
        }
        return mongoCollection()
                .find(filters.isEmpty() ? new org.bson.Document() : and(filters))
                .sort(Sorts.descending("confirmedAt", "_id"))
                .limit(page.limit() + 1)
                .into(new ArrayList<>());
    }
}
