package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.check.TextNormalizer;
import com.adreview.policy.PolicyPackLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The learned model's scoring, held bit for bit to the plain algorithm it replaced: a map from each
 * n-gram to its row of weights (0 for a topic it has none for), and for each character of each text
 * the weights of the 1-, 2- and 3-gram ending there added to every topic's float sum, in that order.
 * A decision replays exactly only if every sum is the same float, whatever the table looks like.
 */
class LearnedModelScoringTest {

    /** The reference: the weights by n-gram, and the scoring loop as it was first written. */
    private record Reference(int width, Map<String, float[]> rows) {

        float[] sums(List<String> texts) {
            float[] sums = new float[width];
            for (String text : texts) {
                for (int i = 0; i < text.length(); i++) {
                    for (int n = 1; n <= 3 && n <= i + 1; n++) {
                        float[] row = rows.get(text.substring(i + 1 - n, i + 1));
                        if (row != null) {
                            for (int t = 0; t < width; t++) {
                                sums[t] += row[t];
                            }
                        }
                    }
                }
            }
            return sums;
        }
    }

    @Test
    void randomModelsScoreEveryTextAsThePlainLoopDoes() {
        Random random = new Random(17);
        // Few characters, so that texts are full of the models' n-grams; a NUL and the last char too.
        char[] alphabet = {'a', 'b', '7', '.', '%', '借', '款', '保', '本', '\u0000', '\uffff', 'é'};
        List<Topic> all = Arrays.asList(Topic.values());
        for (int model = 0; model < 300; model++) {
            int width = 1 + random.nextInt(12); // both sides of the 8 lanes
            List<Topic> topics = new ArrayList<>(all);
            java.util.Collections.shuffle(topics, random);
            topics = topics.subList(0, width);
            double[] bias = new double[width];
            for (int t = 0; t < width; t++) {
                bias[t] = Math.round((random.nextDouble() * 10 - 8) * 1e4) / 1e4;
            }
            LearnedModel.Builder builder = new LearnedModel.Builder(topics, bias);
            Map<String, float[]> rows = new LinkedHashMap<>();
            int grams = random.nextInt(400);
            for (int g = 0; g < grams; g++) {
                String gram = randomText(random, alphabet, 1 + random.nextInt(3));
                if (rows.containsKey(gram)) {
                    continue;
                }
                int count = 1 + random.nextInt(width);
                List<Integer> order = new ArrayList<>();
                for (int t = 0; t < width; t++) {
                    order.add(t);
                }
                java.util.Collections.shuffle(order, random);
                int[] indexes = new int[count];
                float[] weights = new float[count];
                float[] row = new float[width];
                for (int k = 0; k < count; k++) {
                    indexes[k] = order.get(k);
                    weights[k] = weight(random);
                    row[indexes[k]] = weights[k];
                }
                builder.gram(gram, indexes, weights);
                rows.put(gram, row);
            }
            LearnedModel learned = builder.build(0.5, List.of("creative.body"), "learned", "m", "c");
            Reference reference = new Reference(width, rows);
            for (int text = 0; text < 20; text++) {
                List<String> texts = new ArrayList<>();
                int fields = 1 + random.nextInt(3);
                for (int f = 0; f < fields; f++) {
                    texts.add(randomText(random, alphabet, random.nextInt(60)));
                }
                assertSameScores(learned, reference, texts, bias);
            }
        }
    }

    @Test
    void theShippedModelScoresTheCorpusAsThePlainLoopDoes() throws Exception {
        LearnedModel learned = new PolicyPackLoader().load(Path.of("policies")).learned();
        // The reference reads the model file itself.
        List<String> lines = Files.readAllLines(Path.of("policies/model/ngram-logistic.yaml"));
        int width = learned.topics().size();
        Map<String, float[]> rows = new HashMap<>();
        double[] bias = null;
        for (String line : lines) {
            if (line.startsWith("bias: [")) {
                bias = Arrays.stream(line.substring(7, line.length() - 1).split(", "))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
            }
            if (!line.startsWith("  - \"")) {
                continue;
            }
            String[] parts = line.substring(5, line.length() - 1).split(" ");
            float[] row = new float[width];
            for (int k = 1; k < parts.length; k++) {
                int colon = parts[k].indexOf(':');
                row[Integer.parseInt(parts[k].substring(0, colon))] = Float.parseFloat(parts[k].substring(colon + 1));
            }
            rows.put(parts[0], row);
        }
        assertThat(rows).hasSize(learned.size());
        Reference reference = new Reference(width, rows);
        TextNormalizer normalizer = TextNormalizer.standard();
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("policies/tests"))) {
            for (Path file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    texts.add(normalizer.normalize(line).text());
                }
            }
        }
        assertThat(texts).hasSizeGreaterThan(1000);
        Random random = new Random(17);
        for (int i = 0; i < texts.size(); i++) {
            assertSameScores(learned, reference, List.of(texts.get(i)), bias);
            // And as several fields of one ad.
            assertSameScores(
                    learned,
                    reference,
                    List.of(
                            texts.get(i),
                            texts.get(random.nextInt(texts.size())),
                            texts.get(random.nextInt(texts.size()))),
                    bias);
        }
    }

    @Test
    void aScoreBelowTheCutIsAProbabilityBelowTheThreshold() {
        Random random = new Random(17);
        List<Double> thresholds =
                new ArrayList<>(List.of(0.5, 0.9, 0.99, 0.01, 1e-6, 1 - 1e-6, 0.999999, 0.3333333333333333));
        for (int i = 0; i < 200; i++) {
            thresholds.add(random.nextDouble());
        }
        for (double threshold : thresholds) {
            double cut = LearnedModel.scoreCut(threshold);
            if (cut == Double.NEGATIVE_INFINITY) {
                continue; // every probability is computed
            }
            // The scores just below the cut, ulp by ulp, and a spread further down.
            double z = Math.nextDown(cut);
            for (int k = 0; k < 20_000; k++) {
                assertThat(1 / (1 + StrictMath.exp(-z)))
                        .as("threshold %s, score %s", threshold, z)
                        .isLessThan(threshold);
                z = k < 10_000 ? Math.nextDown(z) : z - random.nextDouble() * 1e-7;
            }
            for (int k = 0; k < 1_000; k++) {
                double far = cut - random.nextDouble() * 50;
                assertThat(1 / (1 + StrictMath.exp(-far))).isLessThan(threshold);
            }
        }
        assertThat(LearnedModel.scoreCut(1e-9)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LearnedModel.scoreCut(1 - 1e-9)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    private static void assertSameScores(LearnedModel learned, Reference reference, List<String> texts, double[] bias) {
        float[] sums = new float[reference.width()];
        int grams = 0;
        for (String text : texts) {
            grams += learned.accumulate(text, sums);
        }
        float[] expected = reference.sums(texts);
        int[] got = new int[sums.length];
        int[] want = new int[sums.length];
        for (int t = 0; t < sums.length; t++) {
            got[t] = Float.floatToRawIntBits(sums[t]);
            want[t] = Float.floatToRawIntBits(expected[t]);
        }
        assertThat(got).as("sums for %s", texts).containsExactly(want);
        int expectedGrams = 0;
        for (String text : texts) {
            for (int i = 0; i < text.length(); i++) {
                expectedGrams += Math.min(3, i + 1);
            }
        }
        assertThat(grams).isEqualTo(expectedGrams);
        // And the probabilities, as the model's formula gives them from those sums.
        double[] p = learned.probabilities(texts);
        for (int t = 0; t < p.length; t++) {
            double scale = expectedGrams == 0 ? 0 : 1 / StrictMath.sqrt(expectedGrams);
            double want1 = 1 / (1 + StrictMath.exp(-(bias[t] + expected[t] * scale)));
            assertThat(Double.doubleToRawLongBits(p[t])).isEqualTo(Double.doubleToRawLongBits(want1));
        }
    }

    private static float weight(Random random) {
        return switch (random.nextInt(20)) {
            case 0 -> 0.0f;
            case 1 -> -0.0f;
            case 2 -> (float) (random.nextGaussian() * 1e6);
            default -> Float.parseFloat(String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian() * 2));
        };
    }

    private static String randomText(Random random, char[] alphabet, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
