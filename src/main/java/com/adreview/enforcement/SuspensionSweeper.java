package com.adreview.enforcement;

import com.adreview.coordination.CoordinationConfig;
import com.adreview.coordination.InstanceIdentity;
import com.adreview.suspension.Suspension;
import com.adreview.suspension.SuspensionCreated;
import com.adreview.suspension.SuspensionService;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Pulls every live ad of a suspended category, shared by every instance on the store: each runs
 * {@code adreview.sweep.workers} loops that plan rounds ({@link SweepPlanner}) and take work items
 * ({@link SweepWorker}) under leases in the store. Nothing is held in memory between items, so a
 * restart, or the death of an instance, loses nothing: a sweep is simply what is left in the store.
 */
@ApplicationScoped
public class SuspensionSweeper {

    private static final Logger LOG = Logger.getLogger(SuspensionSweeper.class);

    private final SuspensionService suspensions;
    private final SweepChunkStore chunks;
    private final SweepPlanner planner;
    private final SweepWorker worker;
    private final InstanceIdentity instance;
    private final CoordinationConfig coordination;
    private final SweepConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;

    public SuspensionSweeper(
            SuspensionService suspensions,
            SweepChunkStore chunks,
            SweepPlanner planner,
            SweepWorker worker,
            InstanceIdentity instance,
            CoordinationConfig coordination,
            SweepConfig config,
            ManagedExecutor executor,
            Clock clock) {
        this.suspensions = suspensions;
        this.chunks = chunks;
        this.planner = planner;
        this.worker = worker;
        this.instance = instance;
        this.coordination = coordination;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        for (Suspension unfinished : suspensions.unfinishedSweeps()) {
            LOG.infof("Resuming the sweep of suspension %s (%s)", unfinished.id(), unfinished.category());
        }
        running = true;
        for (int i = 0; i < config.workers(); i++) {
            executor.runAsync(this::loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        wakeUps.release(config.workers());
    }

    /** After the loops stopped: the work items this instance held are free for the others at once. */
    void releaseItems(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 10) ShutdownEvent event) {
        try {
            chunks.releaseAllOf(instance.id());
        } catch (RuntimeException e) {
            LOG.warnf("Could not release this instance's sweep items (their leases run out): %s", e.getMessage());
        }
    }

    /** A new suspension: the loops start on it now rather than at their next look. */
    void onCreated(@Observes SuspensionCreated event) {
        wake();
    }

    private void wake() {
        wakeUps.release(config.workers());
    }

    private void loop() {
        while (running) {
            boolean worked = false;
            try {
                worked = step();
            } catch (RuntimeException e) {
                // The store unreachable, no valid pack: the work stays in the store and is tried again.
                LOG.errorf(e, "Suspension sweep step failed; retrying in %s", config.pollInterval());
            }
            if (worked && !config.itemPause().isZero()) {
                try {
                    Thread.sleep(config.itemPause().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (!worked) {
                try {
                    wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // shutting down: what is left resumes at the next start, or on another instance
                }
            }
        }
    }

    /**
     * One piece of sweep work, if there is any: a work item, or, when a suspension has none left
     * unfinished, its next round (which finishes the sweep when it finds no live ad). Rounds never
     * overlap: a round whose planner died is finished by the workers before the next one begins.
     */
    boolean step() {
        for (Suspension s : suspensions.unfinishedSweeps()) {
            Instant now = clock.instant();
            Optional<SweepChunkDocument> item =
                    chunks.claim(new ObjectId(s.id()), instance.id(), now, now.plus(coordination.leaseTtl()));
            if (item.isPresent()) {
                long pulled = worker.process(item.get(), s);
                chunks.done(item.get(), pulled);
                return true;
            }
            if (!chunks.anyUnfinished(new ObjectId(s.id())) && planner.planNextRound(s, this::wake)) {
                return true;
            }
        }
        Instant now = clock.instant();
        Optional<SweepChunkDocument> abandoned =
                chunks.claimAbandoned(instance.id(), now, now.plus(coordination.leaseTtl()));
        if (abandoned.isPresent()) {
            chunks.done(abandoned.get(), worker.publishIntentsLeft(abandoned.get()));
            return true;
        }
        return false;
    }
}
