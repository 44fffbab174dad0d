package com.adreview.outbox;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.feed.AdChange;
import java.time.Instant;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Publications for the outbox's tests: a pull of a submission, told to the trail and the feed under a key. */
final class TestPublications {

    private TestPublications() {}

    static Publication pull(ObjectId id, String key, Instant at) {
        return new Publication(
                new AuditEvent(
                        key,
                        at,
                        "system",
                        AuditAction.STATUS_CHANGED,
                        "submission:" + id.toHexString(),
                        new Document("status", "APPROVED"),
                        new Document("status", "PULLED"),
                        null),
                AdChange.of(at, id.toHexString(), "ad-" + key, "acct", 1, "APPROVED", "PULLED", "COMPLAINT"));
    }
}
