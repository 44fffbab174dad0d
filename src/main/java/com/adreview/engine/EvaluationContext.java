package com.adreview.engine;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything outside the package that a decision depends on. Kept as a value so that a stored
 * decision can be replayed with the context it was made in.
 *
 * @param now the moment of evaluation; time windows and ages count back from it
 * @param complaints the complaint record of the advertising entity at that moment
 * @param suspendedCategories the categories an operator has suspended at that moment
 * @param conflicts the identifiers the package names that another account holds, with no confirmed link
 * @param verdictAt when a person last put or kept this ad live (a reinstatement, a granted appeal, an
 *     approval after review); complaints recorded up to then were before that person and do not count
 *     again. Null when no person has.
 */
public record EvaluationContext(
        Instant now,
        ComplaintRecord complaints,
        Set<Category> suspendedCategories,
        List<IdentityConflict> conflicts,
        Instant verdictAt) {

    public EvaluationContext {
        if (now == null) {
            throw new IllegalArgumentException("now is required");
        }
        complaints = complaints == null ? ComplaintRecord.NONE : complaints;
        suspendedCategories = suspendedCategories == null ? Set.of() : Set.copyOf(suspendedCategories);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    /** A context with no complaints on record, no suspension, no conflict. */
    public EvaluationContext(Instant now) {
        this(now, ComplaintRecord.NONE, Set.of(), List.of(), null);
    }

    /** A context with the entity's complaints and no suspension. */
    public EvaluationContext(Instant now, ComplaintRecord complaints) {
        this(now, complaints, Set.of(), List.of(), null);
    }

    /** A context with the entity's complaints and the suspended categories, no conflict and no verdict. */
    public EvaluationContext(Instant now, ComplaintRecord complaints, Set<Category> suspendedCategories) {
        this(now, complaints, suspendedCategories, List.of(), null);
    }

    /** The same context for an ad a person put or kept live at {@code verdictAt} (null: none did). */
    public EvaluationContext withVerdictAt(Instant verdictAt) {
        return new EvaluationContext(now, complaints, suspendedCategories, conflicts, verdictAt);
    }

    /** The same context for a package naming identifiers held by other accounts. */
    public EvaluationContext withConflicts(List<IdentityConflict> conflicts) {
        return new EvaluationContext(now, complaints, suspendedCategories, conflicts, verdictAt);
    }

    /** How many of the conflicts are of the kind. */
    public long conflictsOf(IdentifierKind kind) {
        // A loop, not a stream: three identity rules ask this of every decision.
        long count = 0;
        for (int i = 0; i < conflicts.size(); i++) {
            if (conflicts.get(i).kind() == kind) {
                count++;
            }
        }
        return count;
    }
}
