package com.adreview.review;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/** The review queue as figures: every case not yet decided, with its kind and ages. */
@ApplicationScoped
public class ReviewQueue {

    private final ReviewStore store;

    public ReviewQueue(ReviewStore store) {
        this.store = store;
    }

    /** One undecided case. */
    public record Waiting(ReviewKind kind, ReviewState state, Instant openedAt, Instant dueAt) {}

    public List<Waiting> undecided() {
        return store.undecided().stream()
                .map(d -> new Waiting(d.kind, d.state, d.openedAt, d.dueAt))
                .toList();
    }
}
