package com.adreview.api;

import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Forgets Idempotency-Keys past their retention, hourly, on the one instance holding the lease (no
 * TTL index: the embedded store has none). A key past retention is also ignored when it is met.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);
    private static final Duration INTERVAL = Duration.ofHours(1);

    private final LeasedTask task;
    private final ManagedExecutor executor;

    public IdempotencyPurge(Idempotency idempotency, LeaseService leases, ManagedExecutor executor) {
        this.executor = executor;
        this.task = new LeasedTask(
                "idempotency-purge",
                () -> INTERVAL,
                () -> {
                    long purged = idempotency.purge();
                    if (purged > 0) {
                        LOG.infof("Forgot %d Idempotency-Key(s) past their retention", purged);
                    }
                },
                leases);
    }

    void onStart(@Observes StartupEvent event) {
        task.start(executor);
    }

    void onStop(@Observes ShutdownEvent event) {
        task.stop();
    }
}
