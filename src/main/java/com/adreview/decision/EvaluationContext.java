package com.adreview.decision;

import java.time.Instant;

/**
 * Everything outside the package that a decision depends on. Kept as a value so that a stored
 * decision can be replayed with the context it was made in.
 *
 * @param now the moment of evaluation; time windows and ages count back from it
 * @param complaints the complaint record of the advertising entity at that moment
 */
public record EvaluationContext(Instant now, ComplaintRecord complaints) {

    public EvaluationContext {
        if (now == null) {
            throw new IllegalArgumentException("now is required");
        }
        complaints = complaints == null ? ComplaintRecord.NONE : complaints;
    }

    /** A context with no complaints on record. */
    public EvaluationContext(Instant now) {
        this(now, ComplaintRecord.NONE);
    }
}
