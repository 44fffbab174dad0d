package com.adreview.simulation;

import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Deletes what simulations leave behind once it is older than {@code adreview.simulation.retention},
 * hourly, on the one instance holding the lease: an ended simulation with its affected ads (ads first,
 * so a purge stopped half-way is finished by the next), then candidate packs that no kept simulation
 * and no shadow installation decides with. Queued and running simulations are never deleted. The audit
 * trail keeps who simulated or installed what, with both packs' digests; the result documents go.
 */
@ApplicationScoped
public class SimulationPurge {

    private static final Logger LOG = Logger.getLogger(SimulationPurge.class);
    private static final Duration INTERVAL = Duration.ofHours(1);
    private static final int BATCH = 200;

    /** What one purge deleted. */
    public record Purged(long simulations, long affectedAds, long candidates) {}

    private final SimulationStore simulations;
    private final SimulationAdStore ads;
    private final CandidatePackStore candidates;
    private final ShadowStore shadows;
    private final SimulationConfig config;
    private final Clock clock;
    private final LeasedTask task;
    private final ManagedExecutor executor;

    SimulationPurge(
            SimulationStore simulations,
            SimulationAdStore ads,
            CandidatePackStore candidates,
            ShadowStore shadows,
            SimulationConfig config,
            Clock clock,
            LeaseService leases,
            ManagedExecutor executor) {
        this.simulations = simulations;
        this.ads = ads;
        this.candidates = candidates;
        this.shadows = shadows;
        this.config = config;
        this.clock = clock;
        this.executor = executor;
        this.task = new LeasedTask(
                "simulation-purge",
                () -> INTERVAL,
                () -> {
                    Purged p = purge(clock.instant());
                    if (p.simulations() + p.candidates() > 0) {
                        LOG.infof(
                                "Deleted %d simulation(s) past their retention with %d affected ad(s), and %d"
                                        + " unused candidate pack(s)",
                                p.simulations(), p.affectedAds(), p.candidates());
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

    /** Deletes what ended (or was last received) before {@code now} less the retention. */
    public Purged purge(Instant now) {
        Instant cutoff = now.minus(config.retention());
        long purged = 0;
        long adsPurged = 0;
        while (true) {
            List<ObjectId> ended = simulations.endedBefore(cutoff, BATCH);
            long before = purged;
            for (ObjectId id : ended) {
                adsPurged += ads.forget(id);
                if (simulations.forget(id)) {
                    purged++;
                }
            }
            if (ended.size() < BATCH || purged == before) {
                break; // all seen, or none of these could go (nothing to gain from reading them again)
            }
        }
        String shadowVersion = shadows.current().map(s -> s.candidateVersion).orElse(null);
        long forgotten = 0;
        for (CandidatePackDocument c : candidates.receivedBefore(cutoff, 10_000)) {
            if (!c.id.equals(shadowVersion) && !simulations.uses(c.id) && candidates.forget(c.id, c.storedAt)) {
                forgotten++;
            }
        }
        return new Purged(purged, adsPurged, forgotten);
    }
}
