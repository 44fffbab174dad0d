package com.adreview.policy;

import com.adreview.check.TextNormalizer;
import com.adreview.engine.LearnedModel;
import com.adreview.engine.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the learned second opinion from labelled ads, deterministically: the ads in id order, one
 * logistic regression per topic (one topic against the rest) by stochastic gradient descent over the
 * ads' character 1–3-grams, each epoch in an order drawn from a fixed seed, with {@link StrictMath}
 * so that every JVM computes the same bits; then small weights are dropped and the rest written to
 * four decimals. Training twice gives the same file byte for byte.
 *
 * <p>Features are the ones {@link LearnedModel} scores: n-gram counts over the fields read, divided
 * by the square root of how many n-grams those fields have.
 */
final class NgramTrainer {

    /** The topics the model learns: not OBFUSCATED_TEXT (its signs vanish in normalising) nor RATE_ABOVE_CAP (arithmetic). */
    static final List<Topic> TOPICS = List.of(
            Topic.GUARANTEED_RETURN,
            Topic.OFF_PLATFORM_CONTACT,
            Topic.UPFRONT_FEE,
            Topic.SENSITIVE_DATA_REQUEST,
            Topic.TASK_FOR_REWARD,
            Topic.PRESSURE_TACTICS,
            Topic.BRAND_IMPERSONATION,
            Topic.UNREALISTIC_PROMISE);

    static final long SEED = 17;
    static final int EPOCHS = 50;
    static final double LEARNING_RATE = 1.0;
    static final double L2 = 1e-5;
    /** An n-gram is learned only if at least this many training ads have it. */
    static final int MIN_ADS = 2;
    /** Weights smaller than this are dropped from the file. */
    static final double MIN_WEIGHT = 0.05;

    private static final TextNormalizer NORMALIZER = TextNormalizer.standard();

    /** One ad as the trainer sees it: its features and its labels. */
    private record Example(String id, int[] features, double[] values, boolean[] labels) {}

    private NgramTrainer() {}

    /** The normalised texts of the fields the model reads, as the engine normalises them. */
    static List<String> texts(Corpus.Ad ad) {
        // The corpus has headline and body; the shipped model also reads the call to action (empty here).
        return List.of(
                NORMALIZER.normalize(ad.headline()).text(),
                NORMALIZER.normalize(ad.body()).text());
    }

    /** The model file for these ads, as text. */
    static String train(List<Corpus.Ad> ads) {
        List<Corpus.Ad> ordered = new ArrayList<>(ads);
        ordered.sort(Comparator.comparing(Corpus.Ad::id));
        Map<String, Integer> adsWith = new HashMap<>();
        List<Map<String, Integer>> counts = new ArrayList<>();
        List<Integer> totals = new ArrayList<>();
        for (Corpus.Ad ad : ordered) {
            Map<String, Integer> c = new TreeMap<>();
            int total = 0;
            for (String text : texts(ad)) {
                for (int end = 1; end <= text.length(); end++) {
                    for (int n = 1; n <= LearnedModel.MAX_N && n <= end; n++) {
                        total++;
                        String gram = text.substring(end - n, end);
                        if (writable(gram)) {
                            c.merge(gram, 1, Integer::sum);
                        }
                    }
                }
            }
            c.keySet().forEach(g -> adsWith.merge(g, 1, Integer::sum));
            counts.add(c);
            totals.add(total);
        }
        // The vocabulary in text order: feature i is the i-th n-gram kept.
        List<String> vocabulary = new ArrayList<>(new java.util.TreeSet<>(adsWith.keySet()));
        vocabulary.removeIf(g -> adsWith.get(g) < MIN_ADS);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            index.put(vocabulary.get(i), i);
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            double scale = totals.get(i) == 0 ? 0 : 1 / StrictMath.sqrt(totals.get(i));
            List<int[]> kept = new ArrayList<>();
            counts.get(i).forEach((g, c) -> {
                Integer f = index.get(g);
                if (f != null) {
                    kept.add(new int[] {f, c});
                }
            });
            int[] features = new int[kept.size()];
            double[] values = new double[kept.size()];
            for (int k = 0; k < features.length; k++) {
                features[k] = kept.get(k)[0];
                values[k] = kept.get(k)[1] * scale;
            }
            boolean[] labels = new boolean[TOPICS.size()];
            for (int t = 0; t < labels.length; t++) {
                labels[t] = ordered.get(i).topics().contains(TOPICS.get(t));
            }
            examples.add(new Example(ordered.get(i).id(), features, values, labels));
        }
        double[] bias = new double[TOPICS.size()];
        List<Map<String, Double>> weights = new ArrayList<>();
        for (int t = 0; t < TOPICS.size(); t++) {
            double[] w = new double[vocabulary.size()];
            bias[t] = fit(examples, t, w);
            Map<String, Double> named = new TreeMap<>();
            for (int f = 0; f < w.length; f++) {
                named.put(vocabulary.get(f), w[f]);
            }
            weights.add(named);
        }
        return write(ordered.size(), bias, weights);
    }

    /** One topic against the rest; the weights into {@code w}, the bias returned. */
    private static double fit(List<Example> examples, int topic, double[] w) {
        Random random = new Random(SEED + topic);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // The topic's ads count as much as all the others together: a topic is a few dozen of the ads.
        int positives = 0;
        for (Example e : examples) {
            positives += e.labels()[topic] ? 1 : 0;
        }
        double positiveWeight = positives == 0 ? 1 : (double) (examples.size() - positives) / positives;
        double b = 0;
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            double rate = LEARNING_RATE / (1 + 0.1 * epoch);
            for (int i : order) {
                Example e = examples.get(i);
                double z = b;
                for (int k = 0; k < e.features().length; k++) {
                    z += w[e.features()[k]] * e.values()[k];
                }
                double p = 1 / (1 + StrictMath.exp(-z));
                double gradient = e.labels()[topic] ? positiveWeight * (1 - p) : -p;
                b += rate * gradient;
                for (int k = 0; k < e.features().length; k++) {
                    int f = e.features()[k];
                    w[f] += rate * (gradient * e.values()[k] - L2 * w[f]);
                }
            }
        }
        return b;
    }

    private static String write(int ads, double[] bias, List<Map<String, Double>> weights) {
        TreeMap<String, StringBuilder> grams = new TreeMap<>();
        for (int t = 0; t < weights.size(); t++) {
            int topic = t;
            weights.get(t).forEach((g, w) -> {
                String rounded = String.format(Locale.ROOT, "%.4f", w);
                if (Math.abs(w) >= MIN_WEIGHT && Double.parseDouble(rounded) != 0) {
                    grams.computeIfAbsent(g, k -> new StringBuilder(g))
                            .append(' ')
                            .append(topic)
                            .append(':')
                            .append(rounded);
                }
            });
        }
        StringBuilder out = new StringBuilder();
        out.append("# Written by the training command (policies/README.md, \"The learned second opinion\"); do not\n");
        out.append("# edit by hand: LearnedModelTest fails when this file is not what training gives.\n");
        out.append("description: >-\n");
        out.append("  One logistic regression per topic over the character 1-3-grams of the normalised headline\n");
        out.append("  and body, trained on the labelled corpus (policies/tests/corpus).\n");
        out.append("format: ").append(LearnedModelReader.FORMAT).append('\n');
        out.append(String.format(
                Locale.ROOT,
                "trainedOn: %d ads; seed %d, %d epochs, rate %s, L2 %s, n-grams in >= %d ads, |weight| >= %s%n",
                ads,
                SEED,
                EPOCHS,
                LEARNING_RATE,
                L2,
                MIN_ADS,
                MIN_WEIGHT));
        out.append("topics: [")
                .append(String.join(", ", TOPICS.stream().map(Topic::name).toList()))
                .append("]\n");
        out.append("bias: [");
        for (int t = 0; t < bias.length; t++) {
            out.append(t == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", bias[t]));
        }
        out.append("]\n");
        out.append("ngrams:\n");
        grams.values().forEach(line -> out.append("  - \"").append(line).append("\"\n"));
        return out.toString();
    }

    /** Whether the n-gram can be written in the file's quoted lines as it is. */
    private static boolean writable(String gram) {
        for (int i = 0; i < gram.length(); i++) {
            char c = gram.charAt(i);
            if (Character.isWhitespace(c)
                    || Character.isISOControl(c)
                    || c == '"'
                    || c == '\\'
                    || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
