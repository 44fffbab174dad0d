package com.adreview.enforcement;

import com.adreview.coordination.LeaseService;
import com.adreview.submission.SubmissionService;
import com.adreview.suspension.Suspension;
import com.adreview.suspension.SuspensionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.bson.types.ObjectId;
import org.jboss.logging.Logger;

/**
 * Divides a suspension's sweep into work items, one round at a time, under a lease so that one
 * instance plans while every instance works: a round reads the ids of the category's live ads left,
 * a page of {@code adreview.sweep.chunk-size} at a time in id order (the documents themselves are
 * read by the workers, a work item at a time), and stores each page as a work item, which the other
 * workers take while the planner reads the next. A round that finds none finishes the sweep. A
 * planner that dies mid-round leaves its lease to run out; the next planner starts a new round over
 * what is left then.
 */
@ApplicationScoped
public class SweepPlanner {

    private static final Logger LOG = Logger.getLogger(SweepPlanner.class);

    private final SuspensionService suspensions;
    private final SweepChunkStore chunks;
    private final SubmissionService submissions;
    private final LeaseService leases;
    private final SweepConfig config;
    private final Clock clock;
    private final ReentrantLock planning = new ReentrantLock();

    public SweepPlanner(
            SuspensionService suspensions,
            SweepChunkStore chunks,
            SubmissionService submissions,
            LeaseService leases,
            SweepConfig config,
            Clock clock) {
        this.suspensions = suspensions;
        this.chunks = chunks;
        this.submissions = submissions;
        this.leases = leases;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Plans the next round of the sweep, unless another instance (or another worker of this one) is
     * planning it.
     *
     * @param itemStored told after each work item is stored, so that idle workers take it at once
     * @return whether this call planned a round
     */
    boolean planNextRound(Suspension s, Runnable itemStored) {
        // The lease keeps other instances out; the lock keeps this instance's other workers out (a lease
        // is held by an instance, so it would let them in).
        if (!planning.tryLock()) {
            return false;
        }
        String lease = "sweep-plan:" + s.id();
        if (!leases.acquire(lease, config.planLeaseTtl())) {
            planning.unlock();
            return false;
        }
        try {
            // An intake that read the suspensions just before this one began may still store an approved ad
            // of the category (SuspensionConfig.intakeSettle): until then, a sweep with nothing live left
            // waits instead of finishing, and only a round begun after it may finish the sweep.
            Instant settled = s.createdAt().plus(suspensions.intakeSettle());
            Instant begun = clock.instant();
            if (begun.isBefore(settled)
                    && submissions.liveIdsInCategory(s.category(), null, 1).isEmpty()) {
                return false;
            }
            int round = s.round() + 1;
            if (!suspensions.startRound(s.id(), s.round(), round)) {
                return false; // another planner moved the sweep on since it was read
            }
            long planned = 0;
            int number = 0;
            ObjectId after = null;
            while (true) {
                List<ObjectId> slice = submissions.liveIdsInCategory(s.category(), after, config.chunkSize());
                if (slice.isEmpty()) {
                    break;
                }
                store(s, round, number++, slice);
                itemStored.run();
                planned += slice.size();
                if (slice.size() < config.chunkSize()) {
                    break;
                }
                after = slice.get(slice.size() - 1);
                if (!leases.renew(lease, config.planLeaseTtl())) {
                    // Too slow: the lease ran out. What this round stored is done by the workers, and
                    // the next round, once they have, covers what it did not reach.
                    return true;
                }
            }
            if (planned == 0 && begun.isBefore(settled)) {
                return true; // nothing live now, but too early to finish: a later round will
            }
            if (planned == 0) {
                // Each item counted what the suspension pulled of its ads, from the ads themselves.
                Map<String, Long> byInstance = chunks.pulledSoFar(s.id());
                long pulled =
                        byInstance.values().stream().mapToLong(Long::longValue).sum();
                if (suspensions.finishSweep(s.id(), round, pulled, byInstance, clock.instant())) {
                    chunks.deleteAllOf(new ObjectId(s.id()));
                    LOG.infof("Suspension %s (%s): no live ad left; %d pulled", s.id(), s.category(), pulled);
                }
            } else {
                LOG.infof("Suspension %s (%s), round %d: %d live ad(s) to pull", s.id(), s.category(), round, planned);
            }
            return true;
        } finally {
            leases.release(lease);
            planning.unlock();
        }
    }

    private void store(Suspension s, int round, int number, List<ObjectId> ids) {
        SweepChunkDocument c = new SweepChunkDocument();
        c.id = s.id() + ":" + round + ":" + number;
        c.suspensionId = new ObjectId(s.id());
        c.round = round;
        c.submissionIds = ids;
        c.state = SweepChunkState.PENDING;
        c.version = 1;
        chunks.insertAll(List.of(c));
    }
}
