package com.adreview.decision;

import java.time.Instant;
import java.util.Set;

/**
 * Everything outside the package that a decision depends on. Kept as a value so that a stored
 * decision can be replayed with the context it was made in.
 *
 * @param now the moment of evaluation; time windows and ages count back from it
 * @param complaints the complaint record of the advertising entity at that moment
 * @param suspendedCategories the categories an operator has suspended at that moment
 */
public record EvaluationContext(Instant now, ComplaintRecord complaints, Set<Category> suspendedCategories) {

    public EvaluationContext {
        if (now == null) {
            throw new IllegalArgumentException("now is required");
        }
        complaints = complaints == null ? ComplaintRecord.NONE : complaints;
        suspendedCategories = suspendedCategories == null ? Set.of() : Set.copyOf(suspendedCategories);
    }

    /** A context with no complaints on record and no suspension. */
    public EvaluationContext(Instant now) {
        this(now, ComplaintRecord.NONE, Set.of());
    }

    /** A context with the entity's complaints and no suspension. */
    public EvaluationContext(Instant now, ComplaintRecord complaints) {
        this(now, complaints, Set.of());
    }
}
