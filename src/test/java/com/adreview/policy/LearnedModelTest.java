package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Evidence;
import com.adreview.engine.Finding;
import com.adreview.engine.Outcome;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learned second opinion: trained reproducibly, shipped as what training gives, part of the
 * pack's version, validated with file and line, and only ever escalating.
 *
 * <p>The training command: {@code ./mvnw -B -ntp -o test -Dtest=LearnedModelTest
 * -Dadreview.model.retrain=true} writes {@code policies/model/ngram-logistic.yaml} from the corpus.
 */
class LearnedModelTest {

    static final Path PACK = Path.of("policies");
    static final Path MODEL = PACK.resolve("model/ngram-logistic.yaml");

    @TempDir
    Path dir;

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void trainingTwiceGivesTheSameModelByteForByte() throws Exception {
        Corpus corpus = Corpus.load(PACK);
        String first = NgramTrainer.train(corpus.ads());
        // The same ads in another order: the trainer orders them itself.
        List<Corpus.Ad> reversed = new java.util.ArrayList<>(corpus.ads());
        java.util.Collections.reverse(reversed);
        String second = NgramTrainer.train(reversed);
        assertThat(sha256(second)).isEqualTo(sha256(first));
        assertThat(first).contains("ngrams:\n  - \"");
    }

    @Test
    void theShippedModelIsWhatTrainingOnTheCorpusGives() throws Exception {
        String trained = NgramTrainer.train(Corpus.load(PACK).ads());
        if (Boolean.getBoolean("adreview.model.retrain")) {
            Files.createDirectories(MODEL.getParent());
            Files.writeString(MODEL, trained, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(MODEL, StandardCharsets.UTF_8))
                .as("policies/model is stale: retrain with -Dtest=LearnedModelTest -Dadreview.model.retrain=true")
                .isEqualTo(trained);
    }

    @Test
    void theModelIsPartOfThePacksVersion() throws Exception {
        Path copy = copyOfPack();
        String before = new PolicyPackLoader().load(copy).version();
        Path model = copy.resolve("model/ngram-logistic.yaml");
        String text = Files.readString(model);
        int at = text.indexOf("bias: [") + "bias: [".length();
        at += text.charAt(at) == '-' ? 1 : 0;
        Files.writeString(model, text.substring(0, at) + "1" + text.substring(at));
        PolicyPack changed = new PolicyPackLoader().load(copy);
        assertThat(changed.version()).isNotEqualTo(before);
        assertThat(changed.sources()).containsKey("model/ngram-logistic.yaml");
    }

    @Test
    void theShippedPackLoadsItsModel() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(PACK);
        assertThat(pack.learned()).isNotNull();
        assertThat(pack.learned().topics()).containsExactlyElementsOf(NgramTrainer.TOPICS);
        assertThat(pack.learned().threshold()).isBetween(0.5, 1.0);
        assertThat(pack.learned().size()).isGreaterThan(100);
    }

    @Test
    void itEscalatesWhatNoRuleFoundAndQuotesItsNgramsWithRawOffsets() throws Exception {
        Path p = tinyPack(0.6, "  - \"稳赚 0:40.0\"\n  - \"赚 0:10.0\"\n");
        PolicyPack pack = new PolicyPackLoader().load(p);
        String body = "跟着老师操作，稳\u200b赚的机会";
        Decision d = decide(pack, body);
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.topic()).isEqualTo(Topic.GUARANTEED_RETURN);
            assertThat(f.outcome()).isEqualTo(Outcome.ESCALATE);
            assertThat(f.ruleId()).isEqualTo(LearnedModelReader.RULE_ID);
            assertThat(f.message()).contains("p = ").contains("threshold 0.60").contains("“稳\u200b赚”");
        });
        assertThat(d.status()).isEqualTo(SubmissionStatus.PENDING_REVIEW);
        List<Evidence> evidence = d.findings().get(0).evidence();
        assertThat(evidence).extracting(Evidence::text).containsExactly("稳\u200b赚");
        for (Evidence e : evidence) {
            assertThat(body.substring(e.start(), e.end())).isEqualTo(e.text());
        }
    }

    @Test
    void belowTheThresholdItIsSilent() throws Exception {
        // p = logistic(-2 + 10 / √12) ≈ 0.71 for five characters (twelve n-grams).
        PolicyPack low = new PolicyPackLoader().load(tinyPack(0.6, "  - \"稳赚 0:10.0\"\n"));
        assertThat(decide(low, "稳赚的机会").findings()).hasSize(1);
        PolicyPack high = new PolicyPackLoader().load(tinyPack(0.75, "  - \"稳赚 0:10.0\"\n"));
        assertThat(decide(high, "稳赚的机会").findings()).isEmpty();
    }

    @Test
    void itNeverRejectsNorRepeatsATopicARuleFound() throws Exception {
        Path p = tinyPack(0.6, "  - \"稳赚 0:40.0\"\n  - \"保本 0:40.0\"\n");
        Files.writeString(
                p.resolve("rules/r.yaml"),
                """
                rules:
                  - id: capital-guarantee
                    topic: GUARANTEED_RETURN
                    outcome: REJECT
                    phrases: [g]
                    message: guarantee
                    citation: a law
                """);
        Files.createDirectories(p.resolve("phrases"));
        Files.writeString(p.resolve("phrases/g.yaml"), "lists:\n  - id: g\n    family: guarantee\n    phrases: [保本]\n");
        PolicyPack pack = new PolicyPackLoader().load(p);
        Decision d = decide(pack, "保本，稳赚");
        assertThat(d.findings()).extracting(Finding::ruleId).containsExactly("capital-guarantee");
        assertThat(d.status()).isEqualTo(SubmissionStatus.REJECTED);
        // On the shipped pack, every finding of the model escalates a topic no rule of the decision has.
        PolicyPack shipped = com.adreview.testing.Packs.shipped();
        DecisionEngine engine = new DecisionEngine();
        for (Corpus.Ad ad : Corpus.load(PACK).ads()) {
            Decision decision = engine.evaluate(ad.toPackage(), new EvaluationContext(CorpusReport.NOW), shipped);
            for (Finding f : decision.findings()) {
                if (f.ruleId().equals(LearnedModelReader.RULE_ID)) {
                    assertThat(f.outcome()).isEqualTo(Outcome.ESCALATE);
                    assertThat(decision.findings())
                            .filteredOn(o -> o != f && o.topic() == f.topic())
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void theSectionAndTheModelFileAreValidatedWithFileAndLine() throws Exception {
        Path p =
                tinyPack(0.6, "  - \"稳赚 0:4.0\"\n  - \"稳赚 0:1.0\"\n  - \"x 9:1.0\"\n  - \"abcd 0:1\"\n  - \"y 0:z\"\n");
        List<PackProblem> problems = problems(p);
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 9, "listed twice"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 10, "no topic 9"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 11, "1 to 3 characters"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 12, "z"));

        Files.writeString(
                p.resolve("pack.yaml"),
                MANIFEST
                        + "learned:\n  model: model/m.yaml\n  threshold: 1.5\n  fields: [creative.body, creative.colour]\n"
                        + "  message: m\n  citation: c\n  colour: red\n");
        Files.writeString(p.resolve("model/m.yaml"), model("  - \"稳赚 0:4.0\"\n"));
        problems = problems(p);
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "pack.yaml", 5, "threshold must be a probability"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "pack.yaml", 6, "creative.colour"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "pack.yaml", 9, "unknown key 'colour'"));

        Files.writeString(p.resolve("pack.yaml"), section(0.6, "model/other.yaml"));
        problems = problems(p);
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "pack.yaml", 4, "not found"));
        assertThat(problems).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 0, "does not name"));

        Files.writeString(p.resolve("pack.yaml"), section(0.6, "model/m.yaml"));
        Files.writeString(p.resolve("model/m.yaml"), model("").replace("GUARANTEED_RETURN", "NOT_A_TOPIC"));
        assertThat(problems(p)).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 3, "unknown topic"));

        // The threshold's edges are refused, and a model file outside model/ or not YAML is named as such.
        Files.writeString(p.resolve("model/m.yaml"), model(""));
        for (double edge : new double[] {0.0, 1.0}) {
            Files.writeString(p.resolve("pack.yaml"), section(edge, "model/m.yaml"));
            assertThat(problems(p))
                    .anySatisfy(pr -> assertProblem(pr, "pack.yaml", 5, "threshold must be a probability"));
        }
        for (String elsewhere : List.of("models/m.yaml", "model/m.json")) {
            Files.writeString(p.resolve("pack.yaml"), section(0.6, elsewhere));
            assertThat(problems(p))
                    .anySatisfy(pr -> assertProblem(pr, "pack.yaml", 4, "the model must be a .yaml file under model/"));
        }
        Files.writeString(p.resolve("pack.yaml"), section(0.6, "model/m.yaml"));
        Files.writeString(p.resolve("model/m.yaml"), model("") + "colour: red\n");
        assertThat(problems(p)).anySatisfy(pr -> assertProblem(pr, "model/m.yaml", 8, "unknown key 'colour'"));
    }

    private static void assertProblem(PackProblem p, String file, int line, String reason) {
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.line()).isEqualTo(line);
        assertThat(p.reason()).contains(reason);
    }

    private static List<PackProblem> problems(Path p) {
        return catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                .problems();
    }

    private static final String MANIFEST = "name: t\ntimeZone: Asia/Shanghai\n";

    private static String section(double threshold, String model) {
        return MANIFEST + "learned:\n  model: " + model + "\n  threshold: " + threshold
                + "\n  fields: [creative.headline, creative.body]\n  message: model says\n  citation: a law\n";
    }

    /** A model of one topic whose bias is -2: an ad needs weight to reach any threshold. */
    private static String model(String grams) {
        return "format: ngram-logistic-1\ntrainedOn: by hand\ntopics: [GUARANTEED_RETURN]\nbias: [-2.0]\n"
                + "description: a test model\nngrams:\n  - \"老师 0:-0.5\"\n" + grams;
    }

    private Path tinyPack(double threshold, String grams) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), section(threshold, "model/m.yaml"));
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(
                dir.resolve("rules/r.yaml"),
                "rules:\n  - id: never\n    topic: ICP_MISSING\n    outcome: REJECT\n    when: 'false'\n"
                        + "    message: m\n    citation: c\n");
        Files.writeString(dir.resolve("model/m.yaml"), model(grams));
        return dir;
    }

    private Path copyOfPack() throws IOException {
        Path copy = dir.resolve("pack");
        try (var files = Files.walk(PACK)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(PACK.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return copy;
    }

    private static Decision decide(PolicyPack pack, String body) {
        AdPackage.Money capital = new AdPackage.Money(new BigDecimal("200000000"), "CNY");
        AdPackage ad = new AdPackage(
                "a",
                com.adreview.engine.Category.OTHER,
                new AdPackage.Advertiser(
                        "acct", "n", "91110108558521630L", capital, null, LocalDate.of(2016, 1, 1), "x"),
                new AdPackage.Icp("京ICP证160221号", "n", List.of("example.cn")),
                new AdPackage.Product("p", "example.cn", "app", null),
                new AdPackage.Creative("", body, "", "https://example.cn/"),
                "r",
                List.of());
        return new DecisionEngine().evaluate(ad, new EvaluationContext(Instant.parse("2026-01-01T00:00:00Z")), pack);
    }
}
