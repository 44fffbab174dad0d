package com.adreview.surge;

import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/** The periodic complaint-surge check, on the one instance holding its lease. */
@ApplicationScoped
public class SurgeWatch {

    private static final Logger LOG = Logger.getLogger(SurgeWatch.class);

    private final LeasedTask task;
    private final ManagedExecutor executor;

    public SurgeWatch(SurgeService surges, SurgeConfig config, LeaseService leases, ManagedExecutor executor) {
        this.executor = executor;
        this.task = new LeasedTask(
                "surge-check",
                config::checkInterval,
                () -> {
                    SurgeService.Round round = surges.checkRecent();
                    if (round.opened() > 0) {
                        LOG.infof("Periodic surge check opened %d alert(s)", round.opened());
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
