package com.adreview.simulation;

import com.adreview.coordination.InstanceIdentity;
import com.adreview.identity.Entity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Runs simulations in the background, on whichever instance takes one first: each instance runs one
 * loop that claims a queued simulation (or one whose holder's lease ran out) and walks the store step
 * by step ({@link SimulationBatch}), recording each step's position and counts with one guarded update
 * that also renews the lease. An instance that dies leaves the lease to run out; the next one goes on
 * from the last step recorded. A cancellation makes the next step's update fail, and the walk stops.
 */
@ApplicationScoped
public class SimulationRunner {

    private static final Logger LOG = Logger.getLogger(SimulationRunner.class);

    private final SimulationStore simulations;
    private final SimulationAdStore ads;
    private final CandidatePacks candidates;
    private final SimulationBatch batch;
    private final InstanceIdentity instance;
    private final SimulationConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;

    SimulationRunner(
            SimulationStore simulations,
            SimulationAdStore ads,
            CandidatePacks candidates,
            SimulationBatch batch,
            InstanceIdentity instance,
            SimulationConfig config,
            ManagedExecutor executor,
            Clock clock) {
        this.simulations = simulations;
        this.ads = ads;
        this.candidates = candidates;
        this.batch = batch;
        this.instance = instance;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        executor.runAsync(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUps.release();
    }

    void onQueued(@Observes SimulationQueued event) {
        wakeUps.release();
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            try {
                worked = runOne();
            } catch (RuntimeException e) {
                LOG.errorf(e, "Policy simulation step failed; retrying in %s", config.pollInterval());
            }
            if (!worked) {
                try {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Takes a simulation and runs it to its end (or until it is cancelled, lost or this instance stops). */
    boolean runOne() {
        Instant now = clock.instant();
        Optional<SimulationDocument> claimed = simulations.claim(instance.id(), now, now.plus(config.leaseTtl()));
        if (claimed.isEmpty()) {
            return false;
        }
        run(claimed.get());
        return true;
    }

    private void run(SimulationDocument s) {
        CandidatePacks.Resolved resolved = candidates.resolve(s.inForceVersion, s.candidateVersion, s.asOf);
        if (resolved.failure() != null) {
            end(s, SimulationState.FAILED, resolved.failure());
            return;
        }
        SimulationBatch.Packs packs = resolved.packs();
        Map<String, Entity> entities = SimulationBatch.entityCache();
        int parts = parts(s);
        while (running && s.pass < parts) {
            boolean live = s.pass < SimulationBatch.LIVE_PARTS;
            SimulationBatch.Step step = live
                    ? batch.live(s.id, s.after, config.batchSize(), packs, entities)
                    : batch.recent(s.id, s.recentDays, s.after, config.batchSize(), packs);
            // The affected ads before the step's counts: a holder that dies in between leaves them for the
            // next, which records them again (once: their ids are the simulation's, scope's and ad's).
            ads.insertAll(step.affected());
            (live ? s.live : s.recent).addAll(step.tally());
            if (step.ids().size() < config.batchSize()) {
                s.pass++;
                s.after = null;
            } else {
                s.after = step.ids().get(step.ids().size() - 1);
            }
            s.leaseExpiresAt = clock.instant().plus(config.leaseTtl());
            if (!simulations.step(s)) {
                LOG.infof("Policy simulation %s was cancelled or taken over; this instance stops on it", s.id);
                return;
            }
        }
        if (s.pass >= parts) {
            end(s, SimulationState.DONE, null);
            LOG.infof(
                    "Policy simulation %s done: %d live ad(s) decided, %d affected",
                    s.id, s.live.decided, s.live.affected);
        }
    }

    static int parts(SimulationDocument s) {
        return SimulationBatch.LIVE_PARTS + (s.recentDays > 0 ? 1 : 0);
    }

    private void end(SimulationDocument s, SimulationState state, String failure) {
        s.state = state;
        s.failure = failure;
        s.finishedAt = clock.instant();
        s.leaseExpiresAt = null;
        if (!simulations.step(s)) {
            LOG.infof("Policy simulation %s was cancelled or taken over before it ended here", s.id);
        }
    }
}
