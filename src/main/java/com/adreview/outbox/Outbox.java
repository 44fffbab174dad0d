package com.adreview.outbox;

import static com.mongodb.client.model.Filters.eq;

import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.feed.AdChangeFeed;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * A transactional outbox without transactions: a write that must reach the audit trail (and the ad
 * change feed) carries its {@link Publication} inside the written document, in the same atomic
 * insert or update. Right after the write it is appended to the trail and the feed and removed from
 * the document. A crash in between leaves it in the document, where {@link OutboxRelay} finds and
 * publishes it. So a change that happened is always told, and told once: the trail and the feed take
 * each key once.
 */
@ApplicationScoped
public class Outbox {

    /** The field of a written document that holds its unpublished publications. */
    public static final String FIELD = "outbox";

    private final AuditTrail audit;
    private final AdChangeFeed feed;
    private final MongoDatabase database;

    public Outbox(AuditTrail audit, AdChangeFeed feed, MongoDatabase database) {
        this.audit = audit;
        this.feed = feed;
        this.database = database;
    }

    /** One publication waiting in one document. */
    public record Pending(Object documentId, Publication publication) {}

    /** The outbox of a document about to be inserted. */
    public static List<Document> initial(Publication publication) {
        List<Document> items = new ArrayList<>(1);
        items.add(publication.toDocument());
        return items;
    }

    /** The part of an update that puts the publication in the document's outbox. */
    public static Bson add(Publication publication) {
        return Updates.push(FIELD, publication.toDocument());
    }

    /** Publishes what one write left in its document's outbox. */
    public void publish(String collection, Object documentId, Publication publication) {
        publishAll(collection, List.of(new Pending(documentId, publication)));
    }

    /**
     * Publishes a batch of writes, in order: feed entries, then audit events, then the outbox items
     * are removed from their documents (one bulk write for the whole batch).
     */
    public void publishAll(String collection, List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        publish(pending.stream().map(Pending::publication).toList());
        // One pull per document, each naming its own key: one $pull naming every key of a batch makes
        // the store compare each document's items with the whole batch.
        List<WriteModel<Document>> published = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            published.add(new UpdateOneModel<>(
                    eq("_id", p.documentId()),
                    Updates.pull(FIELD, new Document("key", p.publication().key()))));
        }
        database.getCollection(collection).bulkWrite(published, new BulkWriteOptions().ordered(false));
    }

    /**
     * Appends publications to the feed and the trail, in order, each once; for publications kept
     * elsewhere than in an outbox (a work item's intents), which their keeper clears itself.
     */
    public void publish(List<Publication> publications) {
        List<AdChangeFeed.Entry> changes = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>(publications.size());
        for (Publication publication : publications) {
            if (publication.change() != null) {
                changes.add(new AdChangeFeed.Entry(publication.key(), publication.change()));
            }
            events.add(publication.audit());
        }
        feed.append(changes);
        audit.append(events);
    }
}
