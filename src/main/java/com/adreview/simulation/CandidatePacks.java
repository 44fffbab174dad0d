package com.adreview.simulation;

import com.adreview.engine.PolicyPack;
import com.adreview.engine.PolicyVariables;
import com.adreview.policy.PolicyService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Candidate packs: read from an archive, kept in the store by version, and rebuilt and compiled once
 * per instance from what is kept (any instance may run a simulation, whoever received the archive).
 */
@ApplicationScoped
class CandidatePacks {

    /** Compiled candidates an instance keeps; each is a few megabytes at most, and few are in use at once. */
    private static final int KEPT = 4;

    private final CandidatePackStore store;
    private final PolicyService policy;
    private final PackArchive archive;
    private final Map<String, PolicyPack> compiled = new ConcurrentHashMap<>();

    CandidatePacks(CandidatePackStore store, PolicyService policy, SimulationConfig config) {
        this.store = store;
        this.policy = policy;
        this.archive = new PackArchive(config);
    }

    /** Reads and validates an archive (422 with every problem), and keeps it. */
    PolicyPack receive(byte[] zip, String actor, Instant at) {
        PackArchive.Candidate candidate = archive.read(zip);
        store.keep(candidate.pack().version(), candidate.pack().name(), candidate.files(), actor, at);
        remember(candidate.pack());
        return candidate.pack();
    }

    /** The two packs a simulation compares, or why it cannot run here. */
    record Resolved(SimulationBatch.Packs packs, String failure) {}

    /**
     * The packs of a simulation on this instance: the pack in force must be the version it was asked
     * against (else its counts would compare with something nobody asked about), and the candidate kept.
     */
    Resolved resolve(String inForceVersion, String candidateVersion, Instant asOf) {
        PolicyPack inForce = policy.current().orElse(null);
        if (inForce == null || !inForce.version().equals(inForceVersion)) {
            return new Resolved(
                    null,
                    "the pack in force is now " + (inForce == null ? "none" : inForce.version()) + ", not "
                            + inForceVersion + "; simulate again");
        }
        PolicyPack candidate = byVersion(candidateVersion).orElse(null);
        if (candidate == null) {
            return new Resolved(null, "the candidate pack " + candidateVersion + " is not kept");
        }
        return new Resolved(
                new SimulationBatch.Packs(
                        inForce, candidate, asOf, Math.max(lookbackDays(inForce), lookbackDays(candidate))),
                null);
    }

    /** The candidate of this version, compiled; empty when it was never kept. */
    java.util.Optional<PolicyPack> byVersion(String version) {
        PolicyPack pack = compiled.get(version);
        if (pack != null) {
            return java.util.Optional.of(pack);
        }
        return store.files(version).map(files -> {
            PolicyPack rebuilt = PackArchive.load(files);
            remember(rebuilt);
            return rebuilt;
        });
    }

    private void remember(PolicyPack pack) {
        if (compiled.size() >= KEPT) {
            compiled.clear();
        }
        compiled.put(pack.version(), pack);
    }

    /** How many days of complaints the pack counts (its largest complaintWindowDays). */
    static long lookbackDays(PolicyPack pack) {
        return pack.parameters().values().stream()
                .map(p -> p.get(PolicyVariables.WINDOW_DAYS))
                .filter(Number.class::isInstance)
                .mapToLong(n -> ((Number) n).longValue())
                .max()
                .orElse(0);
    }
}
