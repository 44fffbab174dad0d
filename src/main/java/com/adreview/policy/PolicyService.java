package com.adreview.policy;

import com.adreview.api.ProblemException;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.PolicyVariables;
import com.adreview.engine.SubmissionStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Holds the policy pack in force and applies it: loads and compiles the pack at start-up, refuses an
 * invalid one (the service then stays not-ready), and decides packages with the pure engine,
 * recording metrics and keeping every pack version that decided something.
 */
@ApplicationScoped
public class PolicyService {

    private static final Logger LOG = Logger.getLogger(PolicyService.class);

    /** The pack in force, or why there is none. Swapped whole, never mutated. */
    public record State(PolicyPack pack, List<PackProblem> problems) {}

    /** Fired after every load, good or refused, so that it can be recorded. */
    public record Loaded(String actor, State state) {}

    private final PolicyConfig config;
    private final PolicyPackStore packs;
    private final MeterRegistry registry;
    private final DecisionEngine engine = new DecisionEngine();
    private final Timer decisionTimer;
    private final Set<String> keptVersions = ConcurrentHashMap.newKeySet();
    private final Map<String, PolicyPack> compiledKeptVersions = new ConcurrentHashMap<>();
    private volatile State state = new State(null, List.of(new PackProblem("", 0, null, "not loaded yet")));

    private final Event<Loaded> loaded;
    private final List<DecisionObserver> observers;

    public PolicyService(
            PolicyConfig config,
            PolicyPackStore packs,
            MeterRegistry registry,
            Event<Loaded> loaded,
            Instance<DecisionObserver> observers) {
        this.loaded = loaded;
        this.observers = observers.stream().toList();
        this.config = config;
        this.packs = packs;
        this.registry = registry;
        this.decisionTimer = Timer.builder("adreview.decision.duration")
                .description("Time the engine takes to decide one package")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Before every other start-up observer: resumed work (suspension sweeps) decides with the pack. */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE) StartupEvent event) {
        reload("system");
    }

    /**
     * Loads the pack from its directory; on failure the previous state is replaced by the problems (the
     * service stays not-ready rather than deciding with a pack nobody meant).
     */
    public synchronized State reload(String actor) {
        try {
            PolicyPack pack = new PolicyPackLoader().load(config.directory());
            state = new State(pack, List.of());
            LOG.infof(
                    "Policy pack '%s' %s loaded: %d rules",
                    pack.name(), pack.version(), pack.rules().size());
        } catch (PolicyPackException e) {
            state = new State(null, e.problems());
            LOG.error(e.getMessage());
        }
        loaded.fire(new Loaded(actor, state));
        return state;
    }

    public State state() {
        return state;
    }

    public Optional<PolicyPack> current() {
        return Optional.ofNullable(state.pack());
    }

    /**
     * How many days of complaints the pack in force counts (its largest {@code complaintWindowDays}),
     * so that the service fetches no more of an entity's record than a decision can use.
     */
    public long complaintLookbackDays() {
        return current()
                .map(pack -> pack.parameters().values().stream()
                        .map(p -> p.get(PolicyVariables.WINDOW_DAYS))
                        .filter(Number.class::isInstance)
                        .mapToLong(n -> ((Number) n).longValue())
                        .max()
                        .orElse(0))
                .orElse(0L);
    }

    /** Decides a package at intake under the pack in force, in the given context; 503 when no valid pack is loaded. */
    public Decision decide(AdPackage ad, EvaluationContext context) {
        return decide(ad, context, null);
    }

    /**
     * Decides again an ad already stored, in the given context: as {@link #decide(AdPackage,
     * EvaluationContext)}, and observers are told the status it has now (a shadow pack's rejection of a
     * live ad is a pull).
     */
    public Decision redecide(AdPackage ad, EvaluationContext context, SubmissionStatus current) {
        return decide(ad, context, current);
    }

    private Decision decide(AdPackage ad, EvaluationContext context, SubmissionStatus current) {
        PolicyPack pack = current()
                .orElseThrow(
                        () -> ProblemException.unavailable("No valid policy pack is loaded; see /q/health/ready."));
        Instant now = context.now();
        long start = System.nanoTime();
        Decision decision = engine.evaluate(ad, context, pack);
        decisionTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (keptVersions.add(pack.version())) {
            packs.remember(pack, now);
        }
        count(decision);
        for (DecisionObserver observer : observers) {
            try {
                observer.decided(ad, context, current, decision);
            } catch (RuntimeException e) {
                // The decision stands whatever an observer (a shadow pack) makes of it.
                LOG.warnf(e, "A decision observer failed; the decision stands");
            }
        }
        return decision;
    }

    private void count(Decision decision) {
        Counter.builder("adreview.decisions")
                .description("Decisions made, by resulting status")
                .tag("status", decision.status().name())
                .register(registry)
                .increment();
        for (Finding f : decision.findings()) {
            Counter.builder("adreview.findings")
                    .description("Findings made, by topic and outcome")
                    .tag("topic", f.topic().name())
                    .tag("outcome", f.outcome().name())
                    .register(registry)
                    .increment();
        }
    }

    /**
     * The pack of a version that decided something, rebuilt from the files kept of it (whatever the pack
     * on disk is now) and compiled once: what a replay decides with. 409 when that version was not kept.
     */
    public PolicyPack keptVersion(String version) {
        return compiledKeptVersions.computeIfAbsent(version, v -> {
            PolicyPackDocument kept = packs.byVersion(v)
                    .orElseThrow(() -> ProblemException.conflict("Pack version " + v + " was not kept; cannot replay"));
            Path dir = null;
            try {
                dir = Files.createTempDirectory("adreview-replay-");
                for (PolicyPackDocument.SourceFile f : kept.files) {
                    Path file = dir.resolve(f.path).normalize();
                    if (!file.startsWith(dir)) {
                        throw new IllegalStateException("kept pack " + v + " names a file outside it: " + f.path);
                    }
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.content);
                }
                return new PolicyPackLoader().load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PolicyPackException e) {
                throw new IllegalStateException("kept pack " + v + " no longer loads: " + e.getMessage(), e);
            } finally {
                deleteQuietly(dir);
            }
        });
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
