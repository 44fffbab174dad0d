package com.adreview.simulation;

import com.adreview.bench.BenchAds;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackLoader;
import com.adreview.store.DocumentMapper;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A decision as {@code PolicyService.decide} makes it — the engine under the pack in force, then the
 * decision observers — without a shadow pack and with one installed (issue 19: within 2× of without).
 * The observer is the real {@link ShadowService}, which queues the decision for its worker thread; after
 * each measured decision the benchmark waits (unmeasured, spinning, so the measuring thread stays on its
 * core as it does without a shadow) until the worker has decided it under the candidate and compared,
 * so the worker keeps up as it does at intake rates, and the next decision shares the cores with nothing. {@code shadowWork} measures what the worker spends per decision: the
 * candidate's decision, the comparison, the counts and samples in memory. Run the values of
 * {@code shadow} side by side in one run:
 *
 * <ul>
 *   <li>{@code none}: no shadow installed (the observer is called and returns);
 *   <li>{@code same}: the pack in force installed as the shadow (it agrees with every decision);
 *   <li>a directory: that pack as the shadow, e.g. the pack with the P2P capital minimum raised, which
 *       disagrees with some decisions (their findings are compared and counted).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ShadowDecisionBenchmark {

    @Param({"01-approved-p2p", "300-char-copy"})
    public String example;

    /** {@code none}, {@code same}, or a pack directory installed as the shadow. */
    @Param({"none", "same"})
    public String shadow;

    private final DecisionEngine engine = new DecisionEngine();
    private final EvaluationContext context = new EvaluationContext(Instant.parse("2026-11-22T04:00:00Z"));
    private PolicyPack inForce;
    private AdPackage ad;
    private ShadowService observer;
    private ShadowService.Active candidate;
    private Decision decided;

    @Setup
    public void setUp() throws Exception {
        inForce = new PolicyPackLoader().load(Path.of("policies"));
        ad = BenchAds.load(example);
        observer = new ShadowService(
                null,
                null,
                null,
                null,
                new DocumentMapper(new ObjectMapper().findAndRegisterModules()),
                config(),
                null,
                Clock.systemUTC());
        candidate = switch (shadow) {
            case "none" -> null;
            case "same" -> new ShadowService.Active(new ObjectId(), inForce);
            default -> new ShadowService.Active(new ObjectId(), new PolicyPackLoader().load(Path.of(shadow)));
        };
        if (candidate != null) {
            observer.use(candidate.installation(), candidate.pack());
        }
        decided = engine.evaluate(ad, context, inForce);
    }

    @Benchmark
    public Decision decide() {
        Decision decision = engine.evaluate(ad, context, inForce);
        observer.decided(ad, context, null, decision);
        return decision;
    }

    /** Not measured: the worker has compared the decision before the next one is made. */
    @TearDown(Level.Invocation)
    public void workerDone() {
        if (!observer.awaitCompared(Duration.ofSeconds(5))) {
            throw new IllegalStateException("the shadow worker did not keep up");
        }
    }

    /** The worker's part per decision: the candidate decides, and the two decisions are compared and counted. */
    @Benchmark
    public void shadowWork() {
        if (candidate != null) {
            observer.compare(candidate, ad, context, null, decided);
        }
    }

    /** The defaults of {@code adreview.simulation} this path reads: the queue's and the samples' bounds. */
    private static SimulationConfig config() {
        return (SimulationConfig) Proxy.newProxyInstance(
                SimulationConfig.class.getClassLoader(), new Class<?>[] {SimulationConfig.class}, (p, m, args) ->
                        switch (m.getName()) {
                            case "shadowQueue" -> 10_000;
                            case "shadowMaxSamples" -> 1000;
                            default -> throw new UnsupportedOperationException(m.getName());
                        });
    }
}
