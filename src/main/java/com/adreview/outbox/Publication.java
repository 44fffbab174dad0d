package com.adreview.outbox;

import com.adreview.audit.AuditEvent;
import com.adreview.feed.AdChange;
import org.bson.Document;

/**
 * What a write must still tell the world once it is made: its audit event and, when it changed an
 * ad's status, the ad change feed's entry. Both are appended under the event's key, so publishing a
 * publication twice records it once.
 *
 * @param change the feed entry, or null when the write changed no ad's status
 */
public record Publication(AuditEvent audit, AdChange change) {

    public static Publication of(AuditEvent audit) {
        return new Publication(audit, null);
    }

    public String key() {
        return audit.key();
    }

    /** As kept in the written document's outbox (or a work item's intents) until published. */
    public Document toDocument() {
        Document d = new Document("key", key()).append("audit", audit.toDocument());
        if (change != null) {
            d.append("change", change.toDocument());
        }
        return d;
    }

    public static Publication fromDocument(Document d) {
        Document c = d.get("change", Document.class);
        AdChange change = c == null ? null : AdChange.fromDocument(c);
        return new Publication(AuditEvent.fromDocument(d.get("audit", Document.class)), change);
    }
}
