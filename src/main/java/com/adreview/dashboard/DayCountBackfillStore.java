package com.adreview.dashboard;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;

import com.adreview.store.DayTally;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The backfill's one document, and the counts of each page its walks read ({@value #PAGES}): each change a
 * single-document write, the document's guarded by the run and where it was. A page's counts are set under
 * the page's own key before the walk moves past it, so a page read again (after a crash between the two)
 * sets the same counts rather than adding them twice.
 */
@ApplicationScoped
class DayCountBackfillStore implements PanacheMongoRepositoryBase<DayCountBackfillDocument, String> {

    static final String PAGES = "dayCountBackfillPages";

    private MongoCollection<Document> pages() {
        return mongoDatabase().getCollection(PAGES);
    }

    Optional<DayCountBackfillDocument> current() {
        return findByIdOptional(DayCountBackfillDocument.ID);
    }

    /** A new run, replacing whatever run there was (a running one stops at its next step). */
    void request(String runId, String by, Instant at) {
        request(runId, by, at, false);
    }

    /**
     * A new run, as {@link #request(String, String, Instant)}; with {@code pullsOnly}, one that walks and sets
     * the pull counts alone (the submissions' and complaints' counts are left as they are).
     */
    void request(String runId, String by, Instant at, boolean pullsOnly) {
        DayCountBackfillDocument doc = queued(runId, by, at);
        doc.pullsOnly = pullsOnly;
        mongoCollection().replaceOne(eq("_id", DayCountBackfillDocument.ID), doc, new ReplaceOptions().upsert(true));
    }

    /** The first state of a store: the given one, unless a state is recorded already (another instance). */
    boolean recordFirst(DayCountBackfillDocument doc) {
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

    static DayCountBackfillDocument queued(String runId, String by, Instant at) {
        DayCountBackfillDocument doc = new DayCountBackfillDocument();
        doc.id = DayCountBackfillDocument.ID;
        doc.runId = runId;
        doc.state = BackfillState.QUEUED;
        doc.requestedBy = by;
        doc.requestedAt = at;
        doc.updatedAt = at;
        return doc;
    }

    private static Bson at(String runId, BackfillState state) {
        return and(eq("_id", DayCountBackfillDocument.ID), eq("runId", runId), eq("state", state.name()));
    }

    /**
     * The queued run begins walking the submissions (the feed, when it counts pulls only); false if it is no
     * longer the queued run.
     */
    boolean begin(String runId, boolean pullsOnly, long submissions, long complaints, long feedEntries, Instant at) {
        pages().deleteMany(ne("runId", runId)); // what runs replaced left behind
        return mongoCollection()
                        .updateOne(
                                at(runId, BackfillState.QUEUED),
                                Updates.combine(
                                        Updates.set("state", BackfillState.RUNNING.name()),
                                        Updates.set(
                                                "phase",
                                                (pullsOnly ? BackfillPhase.PULLS : BackfillPhase.SUBMISSIONS).name()),
                                        Updates.set("page", 0),
                                        Updates.set("startedAt", at),
                                        Updates.set("submissionsTotal", submissions),
                                        Updates.set("complaintsTotal", complaints),
                                        Updates.set("pullsTotal", feedEntries),
                                        Updates.set("updatedAt", at)))
                        .getModifiedCount()
                == 1;
    }

    /** Keeps a page's counts under its own key (set, so a page read twice is kept once). */
    void keepPage(String runId, BackfillPhase phase, int page, DayTally tally) {
        List<Document> entries = new ArrayList<>(tally.counts().size());
        tally.counts()
                .forEach((k, n) -> entries.add(new Document("d", k.day())
                        .append("k", k.dim())
                        .append("v", k.value())
                        .append("n", n)));
        pages().replaceOne(
                        eq("_id", runId + "|" + phase + "|" + page),
                        new Document("_id", runId + "|" + phase + "|" + page)
                                .append("runId", runId)
                                .append("phase", phase.name())
                                .append("counts", entries),
                        new ReplaceOptions().upsert(true));
    }

    /**
     * The page is walked: the walk goes on after {@code lastId}, or, when the page was the walk's last
     * ({@code next} not null), on to the next phase from the start. False if the run was replaced, or the
     * page was recorded already (by a holder that lost its lease meanwhile): this one stops.
     */
    boolean walked(
            DayCountBackfillDocument at, String lastId, int read, long counted, BackfillPhase next, Instant now) {
        String countedField =
                switch (at.phase) {
                    case SUBMISSIONS -> "submissions";
                    case COMPLAINTS -> "complaints";
                    case PULLS -> "pulls";
                    case WRITING -> throw new IllegalStateException("nothing is walked while writing");
                };
        String readField = countedField + "Read";
        List<Bson> changes = new ArrayList<>(List.of(
                Updates.inc(readField, (long) read),
                Updates.inc(countedField, counted),
                Updates.unset("lastError"),
                Updates.set("updatedAt", now)));
        if (next == null) {
            changes.add(Updates.set("after", lastId));
            changes.add(Updates.set("page", at.page + 1));
        } else {
            changes.add(Updates.set("phase", next.name()));
            changes.add(Updates.unset("after"));
            changes.add(Updates.set("page", 0));
        }
        return mongoCollection()
                        .updateOne(
                                and(
                                        at(at.runId, BackfillState.RUNNING),
                                        eq("phase", at.phase.name()),
                                        eq("page", at.page)),
                                Updates.combine(changes))
                        .getModifiedCount()
                == 1;
    }

    /** Every page's counts of one walk, added up. */
    DayTally walkedCounts(String runId, BackfillPhase phase) {
        DayTally tally = new DayTally();
        for (Document page : pages().find(and(eq("runId", runId), eq("phase", phase.name())))) {
            for (Document e : page.getList("counts", Document.class, List.of())) {
                tally.add(e.getString("d"), e.getString("k"), e.getString("v"), ((Number) e.get("n")).longValue());
            }
        }
        return tally;
    }

    /** Every day counted; false if the run was replaced. Its pages go. */
    boolean finish(String runId, int days, String firstDay, String lastDay, Instant now) {
        boolean finished = mongoCollection()
                        .updateOne(
                                and(at(runId, BackfillState.RUNNING), eq("phase", BackfillPhase.WRITING.name())),
                                Updates.combine(
                                        Updates.set("state", BackfillState.DONE.name()),
                                        Updates.set("pullsCounted", true),
                                        Updates.set("days", days),
                                        Updates.set("firstDay", firstDay),
                                        Updates.set("lastDay", lastDay),
                                        Updates.unset("after"),
                                        Updates.set("finishedAt", now),
                                        Updates.set("updatedAt", now)))
                        .getModifiedCount()
                == 1;
        if (finished) {
            pages().deleteMany(eq("runId", runId));
        }
        return finished;
    }

    /**
     * Records that the feed's pulls need no run (the live path counted every one), unless the state changed
     * meanwhile.
     */
    void pullsCounted(DayCountBackfillDocument seen, Instant now) {
        mongoCollection()
                .updateOne(
                        and(
                                eq("_id", DayCountBackfillDocument.ID),
                                eq("runId", seen.runId),
                                eq("state", seen.state.name())),
                        Updates.combine(Updates.set("pullsCounted", true), Updates.set("updatedAt", now)));
    }

    /** A step failed; it is tried again at the next round. */
    void failed(String runId, String error, Instant now) {
        mongoCollection()
                .updateOne(
                        and(eq("_id", DayCountBackfillDocument.ID), eq("runId", runId)),
                        Updates.combine(Updates.set("lastError", error), Updates.set("updatedAt", now)));
    }
}
