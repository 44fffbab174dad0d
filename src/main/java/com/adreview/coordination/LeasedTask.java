package com.adreview.coordination;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Background work done every interval by whichever instance holds its lease, so that instances
 * sharing a store do it once, not once each: the outbox relay, audit checkpoints, purges. A round that
 * fails is logged and tried again at the next interval; stopping ends the wait at once.
 */
public final class LeasedTask {

    private static final Logger LOG = Logger.getLogger(LeasedTask.class);

    private final String lease;
    private final Supplier<Duration> interval;
    private final Runnable round;
    private final LeaseService leases;
    private final Semaphore stopping = new Semaphore(0);
    private volatile boolean running;

    public LeasedTask(String lease, Supplier<Duration> interval, Runnable round, LeaseService leases) {
        this.lease = lease;
        this.interval = interval;
        this.round = round;
        this.leases = leases;
    }

    public void start(ManagedExecutor executor) {
        running = true;
        executor.runAsync(this::loop);
    }

    public void stop() {
        running = false;
        stopping.release();
    }

    /** Runs the next round now rather than at the end of the interval (if this instance holds the lease). */
    public void wake() {
        stopping.release();
    }

    private void loop() {
        while (running) {
            try {
                if (leases.acquire(lease)) {
                    round.run();
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "Background work %s failed; retrying in %s", lease, interval.get());
            }
            try {
                if (stopping.tryAcquire(interval.get().toMillis(), TimeUnit.MILLISECONDS) && !running) {
                    return; // stopped; a wake only ends the wait
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
