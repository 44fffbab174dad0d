package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The learned second opinion as the engine computes it, on models built by hand: the score of an ad
 * to the bit, the n-grams it quotes, when it speaks and what it says, and what its builder refuses.
 * (Training it and reading its file are the pack's: {@code policy.LearnedModelTest}.)
 */
class LearnedModelTest {

    private static final Topic RETURN = Topic.GUARANTEED_RETURN;
    private static final Topic FEE = Topic.UPFRONT_FEE;
    private static final List<String> FIELDS = List.of("creative.headline", "creative.body");

    // ---- the builder refuses what no model file may say

    @Test
    void theBuilderRefusesTopicsThatDoNotMatchTheBiases() {
        assertRefused(() -> new LearnedModel.Builder(List.of(), new double[0]), "one bias per topic, 1 to 127 topics");
        assertRefused(
                () -> new LearnedModel.Builder(List.of(RETURN), new double[] {0, 0}),
                "one bias per topic, 1 to 127 topics");
        assertRefused(
                () -> new LearnedModel.Builder(Collections.nCopies(128, RETURN), new double[128]),
                "one bias per topic, 1 to 127 topics");
        // 127 is allowed by count: these are refused for naming a topic twice, not for their number.
        assertRefused(
                () -> new LearnedModel.Builder(Collections.nCopies(127, RETURN), new double[127]),
                "a topic is named twice");
        assertRefused(
                () -> new LearnedModel.Builder(List.of(RETURN, FEE, RETURN), new double[3]), "a topic is named twice");
        assertRefused(
                () -> new LearnedModel.Builder(List.of(RETURN, FEE), new double[] {0, Double.NaN}),
                "a bias is not a number");
        assertRefused(
                () -> new LearnedModel.Builder(List.of(RETURN, FEE), new double[] {Double.NEGATIVE_INFINITY, 0}),
                "a bias is not a number");
    }

    @Test
    void theBuilderRefusesMalformedNgrams() {
        LearnedModel.Builder b = new LearnedModel.Builder(List.of(RETURN, FEE), new double[] {0, 0});
        assertThatThrownBy(() -> b.gram(null, new int[] {0}, new float[] {1}))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("gram");
        assertRefused(() -> b.gram("", new int[] {0}, new float[] {1}), "an n-gram has 1 to 3 characters: ''");
        assertRefused(() -> b.gram("abcd", new int[] {0}, new float[] {1}), "an n-gram has 1 to 3 characters: 'abcd'");
        b.gram("abc", new int[] {0}, new float[] {1});
        assertRefused(() -> b.gram("abc", new int[] {1}, new float[] {1}), "n-gram 'abc' is listed twice");
        assertRefused(
                () -> b.gram("x", new int[] {0, 1}, new float[] {1}), "n-gram 'x' needs at least one topic:weight");
        assertRefused(() -> b.gram("y", new int[0], new float[0]), "n-gram 'y' needs at least one topic:weight");
        assertRefused(() -> b.gram("z", new int[] {-1}, new float[] {1}), "n-gram 'z': no topic -1 (0 to 1)");
        assertRefused(() -> b.gram("w", new int[] {0, 2}, new float[] {1, 1}), "n-gram 'w': no topic 2 (0 to 1)");
        assertRefused(
                () -> b.gram("v", new int[] {1, 0}, new float[] {1, Float.NaN}), "n-gram 'v': weight is not a number");
        assertRefused(
                () -> b.gram("u", new int[] {0}, new float[] {Float.POSITIVE_INFINITY}),
                "n-gram 'u': weight is not a number");
        assertRefused(() -> b.gram("t", new int[] {1, 1}, new float[] {1, 2}), "n-gram 't' names a topic twice");
        // Each refusal above left the builder as it was: the model has the one n-gram accepted.
        assertThat(b.build(0.5, FIELDS, "r", "m", "c").size()).isEqualTo(1);
    }

    @Test
    void theThresholdIsAProbabilityStrictlyBetweenZeroAndOne() {
        LearnedModel.Builder b = new LearnedModel.Builder(List.of(RETURN), new double[] {0});
        for (double refused : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
            assertRefused(() -> b.build(refused, FIELDS, "r", "m", "c"), "threshold must be above 0 and below 1");
        }
        LearnedModel model = b.build(0.25, FIELDS, "learned", "a message", "a law");
        assertThat(model.threshold()).isEqualTo(0.25);
        assertThat(model.fields()).isEqualTo(FIELDS);
        assertThat(model.ruleId()).isEqualTo("learned");
        assertThat(model.message()).isEqualTo("a message");
        assertThat(model.citation()).isEqualTo("a law");
        assertThat(model.topics()).containsExactly(RETURN);
        assertThat(model.size()).isZero();
    }

    @Test
    void theModelKeepsItsOwnCopiesOfWhatItWasBuiltFrom() {
        double[] bias = {0.5};
        int[] topics = {0};
        float[] weights = {2f};
        LearnedModel.Builder b = new LearnedModel.Builder(List.of(RETURN), bias);
        b.gram("a", topics, weights);
        bias[0] = 9;
        weights[0] = 9f;
        topics[0] = 5;
        LearnedModel model = b.build(0.5, FIELDS, "r", "m", "c");
        // bias 0.5, "a" weighs 2, one n-gram: logistic(0.5 + 2 / √1).
        assertThat(model.probabilities(List.of("a"))).containsExactly(logistic(0.5 + 2f));
    }

    // ---- the score, to the bit

    @Test
    void aTextOfLengthNHas3nMinus3NgramsAndEachWeighsOncePerOccurrence() {
        LearnedModel model = new LearnedModel.Builder(List.of(RETURN, FEE), new double[] {-1, 0.5})
                .gram("a", new int[] {0}, new float[] {0.25f})
                .gram("ab", new int[] {1, 0}, new float[] {-0.5f, 1.5f})
                .gram("abc", new int[] {0}, new float[] {2f})
                .gram("c", new int[] {1}, new float[] {0.75f})
                .build(0.5, FIELDS, "r", "m", "c");
        // "abcab": a, ab, abc, c, a, ab and nothing else of the model; 3 × 5 − 3 = 12 n-grams.
        float sum0 = 0.25f + 1.5f + 2f + 0.25f + 1.5f;
        float sum1 = -0.5f + 0.75f - 0.5f;
        assertThat(model.probabilities(List.of("abcab")))
                .containsExactly(logistic(-1, sum0, 12), logistic(0.5, sum1, 12));
        // One character is one n-gram, two are three.
        assertThat(model.probabilities(List.of("a"))).containsExactly(logistic(-1, 0.25f, 1), logistic(0.5));
        assertThat(model.probabilities(List.of("ab")))
                .containsExactly(logistic(-1, 0.25f + 1.5f, 3), logistic(0.5, -0.5f, 3));
        // Texts add up: their n-grams are counted together (1 + 3), and an empty one adds none.
        assertThat(model.probabilities(List.of("a", "", "ab")))
                .containsExactly(logistic(-1, 0.25f + 0.25f + 1.5f, 4), logistic(0.5, -0.5f, 4));
        // No text at all: the bias alone.
        assertThat(model.probabilities(List.of(""))).containsExactly(logistic(-1), logistic(0.5));
        assertThat(model.probabilities(List.of())).containsExactly(logistic(-1), logistic(0.5));
    }

    /**
     * Random models of many n-grams (so that the hash table probes past collisions and the presence
     * bits let through n-grams the model lacks) scored against a plain map of the same weights, added
     * in the same order: the same bits.
     */
    @Test
    void scoresAreThoseOfAPlainLookupOnRandomModelsAndTexts() {
        Random random = new Random(21);
        String alphabet = "ab稳赚本金保息c\u0000\uffff";
        for (int round = 0; round < 60; round++) {
            int width = 1 + random.nextInt(3);
            List<Topic> topics = List.of(Topic.values()).subList(round % 5, round % 5 + width);
            double[] bias = new double[width];
            for (int t = 0; t < width; t++) {
                bias[t] = random.nextGaussian();
            }
            LearnedModel.Builder builder = new LearnedModel.Builder(topics, bias);
            Map<String, float[]> plain = new HashMap<>();
            int grams = random.nextInt(400);
            for (int g = 0; g < grams; g++) {
                String gram = randomText(random, alphabet, 1 + random.nextInt(3));
                if (plain.containsKey(gram)) {
                    continue;
                }
                float[] row = new float[width];
                List<Integer> indexes = new ArrayList<>();
                for (int t = 0; t < width; t++) {
                    if (random.nextBoolean() || t == width - 1 && indexes.isEmpty()) {
                        indexes.add(t);
                        row[t] = (float) (random.nextGaussian() * 3);
                    }
                }
                Collections.shuffle(indexes, random);
                float[] weights = new float[indexes.size()];
                for (int k = 0; k < weights.length; k++) {
                    weights[k] = row[indexes.get(k)];
                }
                builder.gram(gram, indexes.stream().mapToInt(Integer::intValue).toArray(), weights);
                plain.put(gram, row);
            }
            LearnedModel model = builder.build(0.5, FIELDS, "r", "m", "c");
            assertThat(model.size()).isEqualTo(plain.size());
            for (int text = 0; text < 5; text++) {
                List<String> texts = new ArrayList<>();
                int count = 1 + random.nextInt(3);
                for (int k = 0; k < count; k++) {
                    texts.add(randomText(random, alphabet, random.nextInt(12)));
                }
                assertThat(model.probabilities(texts))
                        .as("round %d, %s", round, texts)
                        .containsExactly(plainProbabilities(plain, bias, texts));
            }
        }
    }

    private static double[] plainProbabilities(Map<String, float[]> plain, double[] bias, List<String> texts) {
        float[] sums = new float[bias.length];
        int grams = 0;
        for (String s : texts) {
            for (int i = 0; i < s.length(); i++) {
                for (int n = 1; n <= 3 && n <= i + 1; n++) {
                    grams++;
                    float[] row = plain.get(s.substring(i + 1 - n, i + 1));
                    for (int t = 0; row != null && t < sums.length; t++) {
                        sums[t] += row[t];
                    }
                }
            }
        }
        double[] p = new double[bias.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = 1 / (1 + StrictMath.exp(-(bias[t] + (grams == 0 ? 0 : sums[t] * (1 / StrictMath.sqrt(grams))))));
        }
        return p;
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Test
    void anNgramsKeyIsItsLengthAndItsCharsSoNoTwoNgramsShareOne() {
        assertThat(LearnedModel.key("xaby", 1, 3)).isEqualTo(2L << 32 | 'a' << 16 | 'b');
        assertThat(LearnedModel.key("\u0000", 0, 1)).isEqualTo(1L << 16);
        assertThat(LearnedModel.key("\u0000\u0000\u0000", 0, 3)).isEqualTo(3L << 48);
        // The zero char and its absence differ: "\0a" is not "a".
        LearnedModel model = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("\u0000a", new int[] {0}, new float[] {4f})
                .build(0.5, FIELDS, "r", "m", "c");
        assertThat(model.probabilities(List.of("a"))).containsExactly(0.5);
        assertThat(model.probabilities(List.of("\u0000a"))).containsExactly(logistic(0, 4f, 3));
    }

    // ---- the second opinion

    @Test
    void itEscalatesATopicAtOrAboveTheThresholdWithItsExactWording() {
        LearnedModel probe = returnModel(0.5);
        double p = probe.probabilities(List.of("", "稳赚"))[0];
        // At exactly the threshold it speaks; just above it it does not.
        LearnedModel atThreshold = returnModel(p);
        assertThat(atThreshold.secondOpinion(copy("", "稳赚"), List.of()))
                .containsExactly(new Finding(
                        RETURN,
                        "learned",
                        Outcome.ESCALATE,
                        String.format(
                                java.util.Locale.ROOT,
                                "Looks like a promise. The learned model reads this copy as GUARANTEED_RETURN"
                                        + " (p = %.2f, threshold %.2f). Weighed most: “稳赚”.",
                                p,
                                p),
                        "a law",
                        List.of(new Evidence("creative.body", "稳赚", 0, 2))));
        assertThat(returnModel(Math.nextUp(p)).secondOpinion(copy("", "稳赚"), List.of()))
                .isEmpty();
    }

    @Test
    void aTopicWhoseNgramsPullItDownStillSpeaksWhenItsProbabilityReachesTheThreshold() {
        // Negative weights over several n-grams: the score scales the sum by 1/sqrt(n-grams), and the
        // quick cut must scale it alike, or it turns away a topic the probability puts above the threshold.
        LearnedModel model = new LearnedModel.Builder(List.of(RETURN), new double[] {3})
                .gram("稳", new int[] {0}, new float[] {-2f})
                .build(0.5, FIELDS, "learned", "m", "c");
        double p = model.probabilities(List.of("", "稳稳稳稳"))[0];
        assertThat(p).isBetween(0.5, 0.99);
        assertThat(model.secondOpinion(copy("", "稳稳稳稳"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.outcome()).isEqualTo(Outcome.ESCALATE));
    }

    @Test
    void itReadsEveryFieldItNamesAndOnlyThose() {
        LearnedModel model = returnModel(0.6);
        // Headline and body are read together: their n-grams add up.
        double[] both = model.probabilities(List.of("稳", "赚"));
        assertThat(both[0]).isGreaterThan(0.6);
        assertThat(model.secondOpinion(copy("稳", "赚"), List.of()))
                .singleElement()
                .satisfies(f ->
                        assertThat(f.message()).contains(String.format(java.util.Locale.ROOT, "p = %.2f", both[0])));
        // Text in a field it does not read is not scored.
        Map<String, Object> document = document("", "");
        @SuppressWarnings("unchecked")
        Map<String, Object> creative = (Map<String, Object>) document.get("creative");
        creative.put("landingUrl", "稳赚稳赚稳赚");
        assertThat(model.secondOpinion(new ContentScan(document, ContentDictionary.empty()), List.of()))
                .isEmpty();
        // All fields empty: silent, whatever the bias says.
        LearnedModel eager =
                new LearnedModel.Builder(List.of(RETURN), new double[] {5}).build(0.5, FIELDS, "learned", "m", "c");
        assertThat(eager.secondOpinion(copy("", ""), List.of())).isEmpty();
        // The bias alone speaks once there is text, with no n-gram to quote.
        assertThat(eager.secondOpinion(copy("", "无关"), List.of()))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.message())
                            .isEqualTo("m The learned model reads this copy as GUARANTEED_RETURN (p = 0.99,"
                                    + " threshold 0.50).");
                    assertThat(f.evidence()).isEmpty();
                });
    }

    @Test
    void itLeavesATopicToTheRuleThatFoundItUnlessThatRuleOnlyWarned() {
        LearnedModel model = new LearnedModel.Builder(List.of(FEE, RETURN), new double[] {0, 0})
                .gram("稳赚", new int[] {0, 1}, new float[] {20f, 20f})
                .build(0.6, FIELDS, "learned", "m", "c");
        ContentScan copy = copy("", "稳赚");
        assertThat(model.secondOpinion(copy, List.of()))
                .extracting(Finding::topic)
                .containsExactly(FEE, RETURN);
        for (Outcome outcome : List.of(Outcome.REJECT, Outcome.ESCALATE)) {
            assertThat(model.secondOpinion(copy, List.of(finding(RETURN, outcome))))
                    .extracting(Finding::topic)
                    .containsExactly(FEE);
            assertThat(model.secondOpinion(copy, List.of(finding(Topic.ICP_MISSING, outcome), finding(FEE, outcome))))
                    .extracting(Finding::topic)
                    .containsExactly(RETURN);
        }
        assertThat(model.secondOpinion(copy, List.of(finding(RETURN, Outcome.WARN), finding(FEE, Outcome.WARN))))
                .extracting(Finding::topic)
                .containsExactly(FEE, RETURN);
        assertThat(model.secondOpinion(copy, List.of(finding(RETURN, Outcome.REJECT), finding(FEE, Outcome.REJECT))))
                .isEmpty();
    }

    @Test
    void itQuotesTheThreeHeaviestNgramsThatDoNotOverlapInTextOrder() {
        LearnedModel model = new LearnedModel.Builder(List.of(FEE, RETURN), new double[] {0, 0})
                .gram("稳赚", new int[] {1}, new float[] {5f})
                .gram("赚", new int[] {1}, new float[] {4f}) // inside 稳赚: not quoted beside it
                .gram("保本", new int[] {1}, new float[] {3f})
                .gram("息", new int[] {1}, new float[] {2f})
                .gram("高", new int[] {1}, new float[] {1f}) // a fourth: one too many
                .gram("费", new int[] {0, 1}, new float[] {9f, 0f}) // weighs for the fee, not for the return
                .gram("亏", new int[] {1}, new float[] {-3f})
                .build(0.6, FIELDS, "learned", "m", "c");
        List<Finding> findings = model.secondOpinion(copy("", "高息费亏保本稳赚"), List.of(finding(FEE, Outcome.REJECT)));
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.evidence())
                    .containsExactly(
                            new Evidence("creative.body", "息", 1, 2),
                            new Evidence("creative.body", "保本", 4, 6),
                            new Evidence("creative.body", "稳赚", 6, 8));
            assertThat(f.message()).endsWith(" Weighed most: “息” “保本” “稳赚”.");
        });
    }

    @Test
    void anNgramFoundTwiceIsQuotedOnceAtItsFirstPlace() {
        LearnedModel model = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("稳赚", new int[] {0}, new float[] {5f})
                .gram("保本", new int[] {0}, new float[] {4f})
                .build(0.6, FIELDS, "learned", "m", "c");
        assertThat(model.secondOpinion(copy("", "稳赚保本稳赚"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("creative.body", "稳赚", 0, 2), new Evidence("creative.body", "保本", 2, 4)));
        assertThat(model.secondOpinion(copy("", "保本稳赚稳赚"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("creative.body", "保本", 0, 2), new Evidence("creative.body", "稳赚", 2, 4)));
        // Only the same n-gram is a repeat: 稳赚 after 稳 is another n-gram, even though it starts alike.
        LearnedModel prefix = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("稳", new int[] {0}, new float[] {5f})
                .gram("稳赚", new int[] {0}, new float[] {4f})
                .build(0.6, FIELDS, "learned", "m", "c");
        assertThat(prefix.secondOpinion(copy("", "稳赚的稳赚"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("creative.body", "稳", 0, 1), new Evidence("creative.body", "稳赚", 3, 5)));
    }

    @Test
    void quotesAreAsSubmittedWithRawOffsetsAndKeepEachFieldsOrder() {
        LearnedModel model = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("稳赚", new int[] {0}, new float[] {5f})
                .gram("保本", new int[] {0}, new float[] {4f})
                .gram("息", new int[] {0}, new float[] {3f})
                .build(0.6, FIELDS, "learned", "m", "c");
        String headline = "息";
        String body = "保\u200b本的稳赚";
        assertThat(model.secondOpinion(copy(headline, body), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("creative.body", "保\u200b本", 0, 3),
                                new Evidence("creative.body", "稳赚", 4, 6),
                                new Evidence("creative.headline", "息", 0, 1)));
        // The same n-gram in two fields is quoted once, in the field read first.
        LearnedModel one = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("稳赚", new int[] {0}, new float[] {5f})
                .build(0.6, FIELDS, "learned", "m", "c");
        assertThat(one.secondOpinion(copy("稳赚", "稳赚"), List.of()))
                .singleElement()
                .satisfies(
                        f -> assertThat(f.evidence()).containsExactly(new Evidence("creative.headline", "稳赚", 0, 2)));
        // Overlap is within a field: the same span in another field is not an overlap.
        LearnedModel two = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("稳赚", new int[] {0}, new float[] {5f})
                .gram("保本", new int[] {0}, new float[] {4f})
                .build(0.6, FIELDS, "learned", "m", "c");
        assertThat(two.secondOpinion(copy("稳赚", "保本"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence())
                        .containsExactly(
                                new Evidence("creative.headline", "稳赚", 0, 2),
                                new Evidence("creative.body", "保本", 0, 2)));
        // A three-character n-gram at the very start and end of a field is quoted too.
        LearnedModel three = new LearnedModel.Builder(List.of(RETURN), new double[] {0})
                .gram("保本金", new int[] {0}, new float[] {5f})
                .build(0.6, FIELDS, "learned", "m", "c");
        assertThat(three.secondOpinion(copy("", "保本金"), List.of()))
                .singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsExactly(new Evidence("creative.body", "保本金", 0, 3)));
    }

    // ---- helpers

    /** One topic, bias −2; 稳赚 weighs 10, 稳 and 赚 2 each. */
    private static LearnedModel returnModel(double threshold) {
        return new LearnedModel.Builder(List.of(RETURN), new double[] {-2})
                .gram("稳赚", new int[] {0}, new float[] {10f})
                .gram("稳", new int[] {0}, new float[] {2f})
                .gram("赚", new int[] {0}, new float[] {2f})
                .build(threshold, FIELDS, "learned", "Looks like a promise.", "a law");
    }

    private static ContentScan copy(String headline, String body) {
        return new ContentScan(document(headline, body), ContentDictionary.empty());
    }

    private static Map<String, Object> document(String headline, String body) {
        Map<String, Object> creative = new LinkedHashMap<>();
        creative.put("headline", headline);
        creative.put("body", body);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("creative", creative);
        return document;
    }

    private static Finding finding(Topic topic, Outcome outcome) {
        return new Finding(topic, "rule", outcome, "m", "c", List.of());
    }

    private static double logistic(double score) {
        return 1 / (1 + StrictMath.exp(-score));
    }

    /** The probability the model gives: bias plus the summed weights over the square root of the n-grams. */
    private static double logistic(double bias, float sum, int grams) {
        return logistic(bias + sum * (1 / StrictMath.sqrt(grams)));
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
