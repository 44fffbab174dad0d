package com.adreview.bench;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure engine alone, on the whole shipped pack (credential and content rules), one thread: how
 * long one decision takes. Sample
 * mode reports percentiles (p50, p99) as well as the mean.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class DecisionEngineBenchmark {

    /**
     * Examples from src/test/resources/examples (approved: every rule runs; rejected; escalated), and a
     * consumer-credit ad with about 300 characters of copy that trips several content rules.
     */
    @Param({"01-approved-p2p", "03-rejected-filing-only", "05-pending-landing-domain", "300-char-copy"})
    public String example;

    /**
     * The pack's directory; give two to compare them side by side in one run, e.g. the pack before a
     * change (exported with git archive) and after: {@code -p pack=target/pack-before,policies}.
     */
    @Param({"policies"})
    public String pack;

    private final DecisionEngine engine = new DecisionEngine();
    private final EvaluationContext context = new EvaluationContext(Instant.parse("2026-11-22T04:00:00Z"));
    private PolicyPack loaded;
    private AdPackage ad;

    @Setup
    public void setUp() throws Exception {
        loaded = new PolicyPackLoader().load(Path.of(pack));
        ad = BenchAds.load(example);
    }

    @Benchmark
    public Decision decide() {
        return engine.evaluate(ad, context, loaded);
    }
}
