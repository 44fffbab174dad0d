package com.adreview.bench;

import com.adreview.check.NormalizedText;
import com.adreview.check.PhraseList;
import com.adreview.check.PhraseMatch;
import com.adreview.check.PhraseMatcher;
import com.adreview.check.TextNormalizer;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The content scan of a 300-character ad against the pack's whole phrase dictionary: one
 * Aho–Corasick pass over the normalised text, versus the naive way, one precompiled regex per
 * phrase over the same normalised text. Both include normalisation, so the difference is the
 * matching alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class ContentScanBenchmark {

    private final TextNormalizer normalizer = TextNormalizer.standard();
    private PhraseMatcher matcher;
    private List<Pattern> naive;

    @Setup
    public void setUp() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(Path.of(System.getProperty("adreview.policy.directory", "policies")));
        matcher = pack.content().phrases();
        naive = new ArrayList<>();
        for (PhraseList list : pack.content().lists()) {
            for (String phrase : list.phrases()) {
                naive.add(Pattern.compile(Pattern.quote(normalizer.normalize(phrase).text())));
            }
        }
    }

    @Benchmark
    public List<PhraseMatch> automaton() {
        return matcher.scan(BenchAds.BODY_300);
    }

    @Benchmark
    public void regexPerPhrase(Blackhole hole) {
        NormalizedText text = normalizer.normalize(BenchAds.BODY_300);
        for (Pattern p : naive) {
            Matcher m = p.matcher(text.text());
            while (m.find()) {
                hole.consume(m.start());
            }
        }
    }
}
