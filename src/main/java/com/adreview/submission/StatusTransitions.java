package com.adreview.submission;

import com.adreview.feed.AdChange;
import com.adreview.feed.AdChangeFeed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.bson.Document;

/**
 * Changes a submission's status the one way every actor does: a version-guarded update of the
 * submission, then the change in the ad change feed, so the ad-serving side hears of it.
 */
@ApplicationScoped
public class StatusTransitions {

    private final SubmissionStore store;
    private final AdChangeFeed feed;
    private final ObjectMapper json;
    private final Event<SubmissionStatusChanged> changed;

    public StatusTransitions(
            SubmissionStore store, AdChangeFeed feed, ObjectMapper json, Event<SubmissionStatusChanged> changed) {
        this.store = store;
        this.feed = feed;
        this.json = json;
        this.changed = changed;
    }

    /**
     * Makes the change if the submission is still in the status and at the version it was read with.
     *
     * @return false when something else changed it first; the caller reads it again and decides anew
     */
    public boolean apply(SubmissionDocument expected, StatusChange change) {
        Document stored;
        try {
            stored = Document.parse(json.writeValueAsString(change));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a status change must always serialise", e);
        }
        if (!store.changeStatus(expected, change.to().name(), stored, change.at())) {
            return false;
        }
        feed.append(AdChange.of(
                change.at(),
                expected.id.toHexString(),
                expected.adId,
                expected.accountId,
                expected.revision,
                change.from().name(),
                change.to().name(),
                change.cause()));
        changed.fire(new SubmissionStatusChanged(expected.id.toHexString(), change));
        return true;
    }
}
