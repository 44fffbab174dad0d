package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a decision knows beyond the package: defaults for what is not given, its own copies, the conflicts by kind. */
class EvaluationContextTest {

    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    @Test
    void whatIsNotGivenIsEmptyAndTheMomentIsRequired() {
        EvaluationContext bare = new EvaluationContext(NOW, null, null, null, null);
        assertThat(bare.complaints()).isSameAs(ComplaintRecord.NONE);
        assertThat(bare.suspendedCategories()).isEmpty();
        assertThat(bare.conflicts()).isEmpty();
        assertThat(bare.verdictAt()).isNull();
        assertThat(new EvaluationContext(NOW)).isEqualTo(bare);
        assertThatThrownBy(() -> new EvaluationContext(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("now is required");
    }

    @Test
    void whatIsGivenIsKeptAsACopy() {
        ComplaintRecord complaints = new ComplaintRecord(
                List.of(new ComplaintRecord.Entry("c1", NOW.minusSeconds(60), "USER", null, "CNY")));
        Set<Category> suspended = new HashSet<>(Set.of(Category.P2P_LENDING));
        List<IdentityConflict> conflicts =
                new ArrayList<>(List.of(new IdentityConflict(IdentifierKind.DOMAIN, "example.cn", "acct-2")));
        EvaluationContext context = new EvaluationContext(NOW, complaints, suspended, conflicts, NOW);
        suspended.clear();
        conflicts.clear();
        assertThat(context.complaints()).isSameAs(complaints);
        assertThat(context.suspendedCategories()).containsExactly(Category.P2P_LENDING);
        assertThat(context.conflicts()).hasSize(1);
        assertThat(context.verdictAt()).isEqualTo(NOW);
        assertThat(context.withVerdictAt(null).verdictAt()).isNull();
        assertThat(context.withVerdictAt(null).complaints()).isSameAs(complaints);
    }

    @Test
    void conflictsAreCountedByKind() {
        EvaluationContext context = new EvaluationContext(NOW)
                .withConflicts(List.of(
                        new IdentityConflict(IdentifierKind.DOMAIN, "a.cn", "acct-2"),
                        new IdentityConflict(IdentifierKind.CREDIT_CODE, "91110108558521630L", "acct-3"),
                        new IdentityConflict(IdentifierKind.DOMAIN, "b.cn", "acct-4")));
        assertThat(context.conflictsOf(IdentifierKind.DOMAIN)).isEqualTo(2);
        assertThat(context.conflictsOf(IdentifierKind.CREDIT_CODE)).isEqualTo(1);
        assertThat(context.conflictsOf(IdentifierKind.APP_ID)).isZero();
    }
}
