package com.adreview.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.Category;
import com.adreview.engine.Decision;
import com.adreview.engine.Finding;
import com.adreview.engine.Outcome;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a candidate changes for one ad, and how the changes of many add up. */
class ComparisonTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private static Finding capital(String message) {
        return new Finding(
                Topic.CAPITAL_BELOW_MINIMUM, "capital-below-minimum", Outcome.REJECT, message, "c", List.of());
    }

    private static final Finding WARNING =
            new Finding(Topic.RISK_WARNING_MISSING, "risk-warning-missing", Outcome.ESCALATE, "m", "c", List.of());

    private static Decision decision(Finding... findings) {
        return new Decision("v", NOW, List.of(findings));
    }

    @Test
    void aLiveAdTheCandidateRejectsIsPulledAndItsNewFindingAppears() {
        Comparison c = Comparison.of(
                Category.P2P_LENDING, SubmissionStatus.APPROVED, decision(), decision(capital("below 60 million")));

        assertThat(c.affected()).isTrue();
        assertThat(c.transition()).isEqualTo("APPROVED→PULLED");
        assertThat(c.appearing()).extracting(Finding::ruleId).containsExactly("capital-below-minimum");
        assertThat(c.disappearing()).isEmpty();
    }

    @Test
    void aWaitingAdTheCandidateRejectsIsRejectedAndAPastSubmissionKeepsTheDecisionsStatuses() {
        assertThat(Comparison.of(
                                Category.P2P_LENDING,
                                SubmissionStatus.PENDING_REVIEW,
                                decision(WARNING),
                                decision(WARNING, capital("x")))
                        .transition())
                .isEqualTo("PENDING_REVIEW→REJECTED");
        assertThat(Comparison.of(Category.P2P_LENDING, null, decision(capital("x")), decision())
                        .transition())
                .isEqualTo("REJECTED→APPROVED");
    }

    @Test
    void aFindingWhoseMessageQuotesTheNewThresholdIsTheSameFindingAndTheAdIsUnaffected() {
        Comparison c = Comparison.of(
                Category.P2P_LENDING,
                SubmissionStatus.APPROVED,
                decision(capital("below 50 million")),
                decision(capital("below 60 million")));

        assertThat(c.affected()).isFalse();
        assertThat(c.transition()).isEqualTo("PULLED→PULLED");
    }

    @Test
    void aFindingThatOnlyChangesWhatIsFoundAffectsTheAdWithoutATransition() {
        Comparison c = Comparison.of(
                Category.ECOMMERCE, SubmissionStatus.PENDING_REVIEW, decision(WARNING), decision(WARNING, WARNING2));

        assertThat(c.affected()).isTrue();
        assertThat(c.from()).isEqualTo(c.to());
        assertThat(c.appearing()).containsExactly(WARNING2);
    }

    private static final Finding WARNING2 =
            new Finding(Topic.OFF_PLATFORM_CONTACT, "off-platform-contact", Outcome.ESCALATE, "m", "c", List.of());

    @Test
    void theTallyCountsEveryAdDecidedAndTheAffectedOnesByTransitionTopicRuleAndCategory() {
        Tally t = new Tally();
        t.add(Comparison.of(Category.P2P_LENDING, SubmissionStatus.APPROVED, decision(), decision(capital("a"))));
        t.add(Comparison.of(Category.P2P_LENDING, SubmissionStatus.APPROVED, decision(), decision(capital("b"))));
        t.add(Comparison.of(Category.CONSUMER_CREDIT, SubmissionStatus.APPROVED, decision(), decision()));
        t.add(Comparison.of(Category.CONSUMER_CREDIT, SubmissionStatus.PENDING_REVIEW, decision(WARNING), decision()));

        Tally step = new Tally();
        step.add(Comparison.of(Category.INSURANCE, SubmissionStatus.APPROVED, decision(), decision(WARNING)));
        t.addAll(step);

        assertThat(t.decided).isEqualTo(5);
        assertThat(t.affected).isEqualTo(4);
        assertThat(t.transitions)
                .isEqualTo(Map.of(
                        "APPROVED→PULLED", 2L,
                        "PENDING_REVIEW→APPROVED", 1L,
                        "APPROVED→PENDING_REVIEW", 1L));
        assertThat(t.topicsAppearing).isEqualTo(Map.of("CAPITAL_BELOW_MINIMUM", 2L, "RISK_WARNING_MISSING", 1L));
        assertThat(t.topicsDisappearing).isEqualTo(Map.of("RISK_WARNING_MISSING", 1L));
        assertThat(t.rulesAppearing).isEqualTo(Map.of("capital-below-minimum", 2L, "risk-warning-missing", 1L));
        assertThat(t.categories).isEqualTo(Map.of("P2P_LENDING", 2L, "CONSUMER_CREDIT", 1L, "INSURANCE", 1L));

        var summary = SimulationService.summary(t);
        assertThat(summary.transitions().get(0))
                .isEqualTo(new SimulationView.TransitionCount(SubmissionStatus.APPROVED, SubmissionStatus.PULLED, 2));
        assertThat(summary.topics()).contains(new SimulationView.FindingCount("RISK_WARNING_MISSING", 1, 1));
    }
}
