package com.adreview.audit;

import java.time.Instant;
import org.bson.Document;

/**
 * Something to append to the audit trail.
 *
 * @param key unique per event: appending the same key twice records it once (a retry, a relay)
 * @param actor who did it: {@code system}, {@code gateway:<account>}, {@code reviewer:<name>}, …
 * @param subject what it was done to: {@code submission:<id>}, {@code complaint:<id>}, …
 * @param before the subject's relevant state before, when it existed
 * @param after its state after
 * @param policyVersion the pack version that decided, when a decision was involved
 */
public record AuditEvent(
        String key,
        Instant at,
        String actor,
        AuditAction action,
        String subject,
        Document before,
        Document after,
        String policyVersion) {

    /** As stored in an outbox, before it has a place in the trail. */
    public Document toDocument() {
        return new Document("key", key)
                .append("at", java.util.Date.from(at))
                .append("actor", actor)
                .append("action", action.name())
                .append("subject", subject)
                .append("before", before)
                .append("after", after)
                .append("policyVersion", policyVersion);
    }

    public static AuditEvent fromDocument(Document d) {
        return new AuditEvent(
                d.getString("key"),
                d.getDate("at").toInstant(),
                d.getString("actor"),
                AuditAction.valueOf(d.getString("action")),
                d.getString("subject"),
                d.get("before", Document.class),
                d.get("after", Document.class),
                d.getString("policyVersion"));
    }
}
