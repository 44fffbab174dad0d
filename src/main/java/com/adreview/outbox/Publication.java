package com.adreview.outbox;

import com.adreview.audit.AuditEvent;
import com.adreview.feed.AdChange;
import com.adreview.feed.SurgeAlertEntry;
import org.bson.Document;

/**
 * What a write must still tell the world once it is made: its audit event and, when it changed an
 * ad's status, the ad change feed's entry. Both are appended under the event's key, so publishing a
 * publication twice records it once.
 *
 * @param change the feed entry, or null when the write changed no ad's status
 * @param alert the feed entry of a complaint-surge alert's change, or null; never with {@code change}
 */
public record Publication(AuditEvent audit, AdChange change, SurgeAlertEntry alert) {

    public Publication {
        if (change != null && alert != null) {
            throw new IllegalArgumentException("one feed entry per publication: its key is the audit event's");
        }
    }

    public Publication(AuditEvent audit, AdChange change) {
        this(audit, change, null);
    }

    public static Publication of(AuditEvent audit) {
        return new Publication(audit, null, null);
    }

    /** The feed entry it appends, if any. */
    public com.adreview.feed.FeedEntry feedEntry() {
        return change != null ? change : alert;
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
        if (alert != null) {
            d.append("alert", alert.toDocument());
        }
        return d;
    }

    public static Publication fromDocument(Document d) {
        Document c = d.get("change", Document.class);
        AdChange change = c == null ? null : AdChange.fromDocument(c);
        Document a = d.get("alert", Document.class);
        SurgeAlertEntry alert = a == null ? null : SurgeAlertEntry.fromDocument(a);
        return new Publication(AuditEvent.fromDocument(d.get("audit", Document.class)), change, alert);
    }
}
