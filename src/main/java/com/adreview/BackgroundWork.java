package com.adreview;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.context.SmallRyeManagedExecutor;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * The executor of the service's background loops (webhook delivery, suspension sweeps), stopped in
 * order at shutdown.
 *
 * <p><b>Threads of its own.</b> The loops run for the service's whole life, each holding a thread. On
 * Quarkus' worker pool (where the default {@link ManagedExecutor} runs its tasks) they took a dozen of
 * the threads that serve blocking requests: with {@code quarkus.thread-pool.max-threads} at 12 or less the
 * API answered nothing at all (every request queued behind loops that never end), and at 16 it served
 * with four. This executor runs its tasks on its own daemon threads, named {@code background-N}, made as
 * tasks come (a loop's thread stays its for good; a one-off task's thread is reused, or ends after a
 * minute idle), so however the worker pool is sized, all of it serves requests
 * ({@code BackgroundThreadsTest}).
 *
 * <p>Quarkus' default {@link ManagedExecutor} cannot be shut down by the application, and its tasks
 * are interrupted only after the MongoDB client has closed, so a loop caught mid-round fails against
 * a closed store. This one replaces it (the default is a default bean) and is stopped when the
 * application shuts down: after the HTTP server has let requests in flight finish, before the store
 * closes. It takes no new work, gives running loops {@code adreview.background.stop-grace} to finish
 * (the webhook deliverer ends its round by itself at shutdown), then interrupts the rest. That is safe
 * for both: a suspension sweep has recorded its progress batch by batch and resumes at the next start;
 * a webhook change not yet acknowledged by its subscriber is delivered again.
 */
@ApplicationScoped
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);
    private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

    /** How a stop went. */
    public enum Stop {
        /** Every loop ended within the grace period. */
        FINISHED,
        /** Loops still running after the grace period were interrupted, and ended. */
        INTERRUPTED,
        /** Some loop ignored the interrupt; shutdown goes on without it. */
        ABANDONED
    }

    private final BackgroundConfig config;
    private final ManagedExecutor executor = SmallRyeManagedExecutor.builder()
            .withExecutorService(Executors.newCachedThreadPool(new BackgroundThreads()))
            .build();

    /** Daemon threads named {@code background-1}, {@code background-2}, … */
    private static final class BackgroundThreads implements ThreadFactory {
        private final AtomicInteger made = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "background-" + made.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    public BackgroundWork(BackgroundConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    ManagedExecutor executor() {
        return executor;
    }

    /** After the loops' own shutdown observers (default priority), before the embedded store closes. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) ShutdownEvent event) {
        stop();
    }

    Stop stop() {
        Duration grace = config.stopGrace();
        executor.shutdown();
        if (awaitTermination(grace)) {
            LOG.info("Background work stopped");
            return Stop.FINISHED;
        }
        executor.shutdownNow();
        if (awaitTermination(AFTER_INTERRUPT)) {
            LOG.infof(
                    "Background work interrupted after %s; unfinished suspension sweeps resume at the next start",
                    grace);
            return Stop.INTERRUPTED;
        }
        LOG.warnf("Background work still running %s after the interrupt; shutting down without it", AFTER_INTERRUPT);
        return Stop.ABANDONED;
    }

    private boolean awaitTermination(Duration timeout) {
        try {
            return executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
