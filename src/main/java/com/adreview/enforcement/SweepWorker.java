package com.adreview.enforcement;

import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.SubmissionStatus;
import com.adreview.outbox.Publication;
import com.adreview.policy.PolicyService;
import com.adreview.submission.StatusChange;
import com.adreview.submission.StatusTransitionService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import com.adreview.suspension.Suspension;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.types.ObjectId;

/**
 * Does one work item of a sweep: reads its ads, re-decides those still live in the category under
 * the suspension, and pulls every one the pack now rejects, in one batch of guarded transitions.
 */
@ApplicationScoped
public class SweepWorker {

    private final SubmissionService submissions;
    private final PolicyService policy;
    private final StatusTransitionService transitions;
    private final SweepChunkStore chunks;
    private final Clock clock;

    public SweepWorker(
            SubmissionService submissions,
            PolicyService policy,
            StatusTransitionService transitions,
            SweepChunkStore chunks,
            Clock clock) {
        this.chunks = chunks;
        this.submissions = submissions;
        this.policy = policy;
        this.transitions = transitions;
        this.clock = clock;
    }

    /**
     * @return how many ads of the item the suspension has pulled, counted from the ads themselves (those
     *     this run pulled, and those it found pulled by the suspension already: by a holder of the item
     *     that died or lost its lease, or by another worker racing this one), so that the items' counts
     *     add up to the sweep's total however often an item was taken over
     */
    long process(SweepChunkDocument chunk, Suspension suspension) {
        publishIntentsLeft(chunk);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // The suspension is the cause; the entity's complaint record is not needed to pull for it.
        EvaluationContext context = new EvaluationContext(now, ComplaintRecord.NONE, Set.of(suspension.category()));
        String suspensionId = suspension.id();
        long pulledBefore = 0;
        List<StatusTransitionService.Transition> pulls = new ArrayList<>(chunk.submissionIds.size());
        for (Submission doc : submissions.forRedecision(chunk.submissionIds)) {
            if (doc.pulledBySuspension(suspensionId)) {
                pulledBefore++;
                continue;
            }
            if (!doc.current() || !doc.is(SubmissionStatus.APPROVED) || doc.category() != suspension.category()) {
                continue; // pulled, replaced or changed since the item was planned
            }
            Decision decision = policy.redecide(doc.ad(), context, doc.status());
            if (decision.status() == SubmissionStatus.REJECTED) {
                pulls.add(new StatusTransitionService.Transition(
                        doc, StatusChange.bySuspension(now, suspensionId, decision), "system"));
            }
        }
        List<StatusTransitionService.Transition> made = transitions.applyAll(
                pulls,
                publications -> chunks.recordIntents(
                        chunk,
                        publications.stream().map(Publication::toDocument).toList()));
        long pulledMeanwhile = 0;
        if (made.size() < pulls.size()) {
            // Something changed these ads between the read and the pull: perhaps a pull for this very
            // suspension, by a holder whose lease ran out while it worked.
            Set<String> done = new HashSet<>();
            made.forEach(t -> done.add(t.expected().id()));
            List<ObjectId> raced = pulls.stream()
                    .map(t -> t.expected().id())
                    .filter(id -> !done.contains(id))
                    .map(ObjectId::new)
                    .toList();
            pulledMeanwhile = submissions.countPulledBy(suspensionId, raced);
        }
        return pulledBefore + made.size() + pulledMeanwhile;
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
