package com.adreview.enforcement;

import com.adreview.decision.Category;
import com.adreview.decision.ComplaintRecord;
import com.adreview.decision.EvaluationContext;
import com.adreview.submission.SubmissionDocument;
import com.adreview.submission.SubmissionStore;
import com.adreview.suspension.SuspensionDocument;
import com.adreview.suspension.SuspensionStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Pulls every live ad of a suspended category, in batches (bounded memory), recording progress on the
 * suspension after each batch. A sweep interrupted by a restart is resumed at start-up: it simply
 * reads the live ads that are left.
 */
@ApplicationScoped
public class SuspensionSweeper {

    private static final Logger LOG = Logger.getLogger(SuspensionSweeper.class);
    private static final int BATCH = 500;
    private static final java.time.Duration RETRY = java.time.Duration.ofSeconds(5);

    private final SuspensionStore suspensions;
    private final SubmissionStore submissions;
    private final EnforcementService enforcement;
    private final ManagedExecutor executor;
    private final Clock clock;

    public SuspensionSweeper(
            SuspensionStore suspensions,
            SubmissionStore submissions,
            EnforcementService enforcement,
            ManagedExecutor executor,
            Clock clock) {
        this.suspensions = suspensions;
        this.submissions = submissions;
        this.enforcement = enforcement;
        this.executor = executor;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        for (SuspensionDocument unfinished : suspensions.unfinishedSweeps()) {
            LOG.infof("Resuming the sweep of suspension %s (%s)", unfinished.id, unfinished.category);
            start(unfinished.id);
        }
    }

    public void start(ObjectId suspension) {
        executor.runAsync(() -> sweepUntilDone(suspension));
    }

    /** A failed sweep (store unreachable, no valid pack) is retried, from where it stopped, while active. */
    private void sweepUntilDone(ObjectId suspension) {
        for (int attempt = 1; ; attempt++) {
            try {
                sweep(suspension);
                return;
            } catch (RuntimeException e) {
                LOG.errorf(e, "Sweep of suspension %s failed (attempt %d); retrying in %s", suspension, attempt, RETRY);
            }
            try {
                Thread.sleep(RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down: the sweep resumes at the next start
            }
        }
    }

    void sweep(ObjectId id) {
        ObjectId after = null;
        while (true) {
            SuspensionDocument suspension = suspensions.findById(id);
            if (suspension == null || !SuspensionStore.ACTIVE.equals(suspension.state)) {
                return; // lifted meanwhile: no further pulls
            }
            List<SubmissionDocument> batch = submissions.liveAdsInCategory(suspension.category, after, BATCH);
            Instant now = clock.instant();
            if (batch.isEmpty()) {
                suspensions.finishSweep(id, now);
                return;
            }
            // The suspension is the cause; the entity's complaint record is not needed to pull for it.
            EvaluationContext context = new EvaluationContext(
                    now, ComplaintRecord.NONE, java.util.Set.of(Category.valueOf(suspension.category)));
            long pulled = 0;
            for (SubmissionDocument live : batch) {
                if (enforcement.pullIfRejected(live, context, "CATEGORY_SUSPENDED", null)) {
                    pulled++;
                }
            }
            suspensions.addPulled(id, pulled);
            after = batch.get(batch.size() - 1).id;
        }
    }
}
