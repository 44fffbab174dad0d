package com.adreview.suspension;

import com.adreview.engine.Category;
import java.time.Instant;
import java.util.Map;

/**
 * A suspension of a category, as the features that act on it read it: the sweep that pulls the
 * category's live ads plans its rounds on {@link #round()}, intake and review ask whether a category
 * is suspended.
 *
 * @param round the sweep's current round (see {@link SuspensionService#startRound})
 * @param pulled live ads pulled, counted when the sweep finished
 * @param pulledByInstance the same, by the instance that pulled them
 */
public record Suspension(
        String id,
        Category category,
        String reason,
        State state,
        Instant createdAt,
        String createdBy,
        Instant liftedAt,
        String liftedBy,
        Sweep sweep,
        int round,
        long pulled,
        Map<String, Long> pulledByInstance,
        Instant sweepFinishedAt) {

    public enum State {
        ACTIVE,
        LIFTED
    }

    /**
     * RUNNING until a round of the sweep, begun at least the intake settle after the suspension began,
     * finds no live ad of the category left; then DONE.
     */
    public enum Sweep {
        RUNNING,
        DONE
    }

    public Suspension {
        pulledByInstance = pulledByInstance == null ? Map.of() : Map.copyOf(pulledByInstance);
    }
}
