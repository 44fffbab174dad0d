package com.adreview.enforcement;

import com.adreview.decision.Category;
import com.adreview.decision.ComplaintRecord;
import com.adreview.decision.Decision;
import com.adreview.decision.EvaluationContext;
import com.adreview.decision.SubmissionStatus;
import com.adreview.outbox.Publication;
import com.adreview.policy.PolicyService;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitions;
import com.adreview.submission.SubmissionDocument;
import com.adreview.submission.SubmissionService;
import com.adreview.submission.SubmissionStore;
import com.adreview.suspension.SuspensionDocument;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Does one work item of a sweep: reads its ads, re-decides those still live in the category under
 * the suspension, and pulls every one the pack now rejects, in one batch of guarded transitions.
 */
@ApplicationScoped
public class SweepWorker {

    private final SubmissionStore submissions;
    private final SubmissionService intake;
    private final PolicyService policy;
    private final StatusTransitions transitions;
    private final SweepChunks chunks;
    private final Clock clock;

    public SweepWorker(
            SubmissionStore submissions,
            SubmissionService intake,
            PolicyService policy,
            StatusTransitions transitions,
            SweepChunks chunks,
            Clock clock) {
        this.chunks = chunks;
        this.submissions = submissions;
        this.intake = intake;
        this.policy = policy;
        this.transitions = transitions;
        this.clock = clock;
    }

    /**
     * @return how many ads of the item this run pulled (and, when the item was taken over from a holder
     *     that died, the pulls of that holder whose publication this run completed)
     */
    long process(SweepChunkDocument chunk, SuspensionDocument suspension) {
        long recovered = publishIntentsLeft(chunk);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The suspension is the cause; the entity's complaint record is not needed to pull for it.
        EvaluationContext context =
                new EvaluationContext(now, ComplaintRecord.NONE, Set.of(Category.valueOf(suspension.category)));
        String suspensionId = suspension.id.toHexString();
        List<StatusTransitions.Transition> pulls = new ArrayList<>(chunk.submissionIds.size());
        for (SubmissionDocument doc : submissions.forRedecision(chunk.submissionIds)) {
            if (!doc.current
                    || !SubmissionStatus.APPROVED.name().equals(doc.status)
                    || !suspension.category.equals(doc.category)) {
                continue; // pulled, replaced or changed since the item was planned
            }
            Decision decision = policy.decide(intake.packageOf(doc), context);
            if (decision.status() == SubmissionStatus.REJECTED) {
                pulls.add(new StatusTransitions.Transition(
                        doc, StatusChange.bySuspension(now, suspensionId, decision), "system"));
            }
        }
        List<StatusTransitions.Transition> made = transitions.applyAll(
                pulls,
                publications -> chunks.recordIntents(
                        chunk,
                        publications.stream().map(Publication::toDocument).toList()));
        return recovered + made.size();
    }

    /**
     * The intents a holder that died left on the item: those whose pull was made are published (the
     * feed and the trail take each once), the rest never happened.
     */
    long publishIntentsLeft(SweepChunkDocument chunk) {
        if (chunk.intents == null || chunk.intents.isEmpty()) {
            return 0;
        }
        return transitions.publishMade(
                chunk.intents.stream().map(Publication::fromDocument).toList());
    }
}
