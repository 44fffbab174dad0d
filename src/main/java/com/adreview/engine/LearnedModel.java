package com.adreview.engine;

import com.adreview.check.NormalizedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A second opinion learned from the labelled corpus: for each topic it knows, a logistic model over
 * the character 1–3-grams of the normalised copy. When it puts a topic at or above the pack's
 * threshold and no rule found that topic, the decision gets an {@link Outcome#ESCALATE} finding of
 * that topic quoting the n-grams that weighed most: a reviewer decides. It never rejects and never
 * takes a rule's finding away.
 *
 * <p>The weights are pack data ({@code model/}, written by the training command), so the pack's
 * version covers them and a stored decision replays exactly. Scoring reads each field's normalised
 * text (already made for the content scan) once: three probes of a flat hash table per character,
 * with no object made unless the model speaks.
 *
 * <p>An ad's score for topic t is {@code bias[t] + (Σ weight[g][t] × count(g)) / √n}, where the sum
 * runs over the n-grams g of every field read and n is how many n-grams those fields have (so a long
 * ad does not score higher for being long); its probability is the logistic of the score.
 */
public final class LearnedModel {

    /** The most characters an n-gram of the model has. */
    public static final int MAX_N = 3;

    /** How many n-grams a finding quotes. */
    static final int QUOTED = 3;

    private static final long EMPTY = 0L;

    private final List<Topic> topics;
    private final double[] bias;
    private final double threshold;
    /** Scores below this put a topic surely below the threshold: see {@link #scoreCut}. */
    private final double cut;

    private final List<String> fields;
    private final String ruleId;
    private final String message;
    private final String citation;
    private final int entries;

    // Open addressing, one slot per n-gram: table[slot × stride] is its key (0 = empty) and the longs
    // after it its weight for each topic, as float bits, two per long (topic t in the low half of long
    // t / 2 when t is even): a hit reads its key and weights from one run of memory. With 8 topics or
    // fewer a slot always has room for 8 (the unused ones 0), so scoring adds 8 lanes held in locals.
    // Before the table, a bit per hash of every key (8 KB, in the first-level cache): most n-grams of an
    // ad are not in the model and stop there.
    private static final int LANES = 8;

    private final long[] table;
    private final int stride;
    private final long[] present = new long[1 << 10];
    private final int mask;

    private LearnedModel(
            Builder b, double threshold, List<String> fields, String ruleId, String message, String citation) {
        this.topics = List.copyOf(b.topics);
        this.bias = b.bias.clone();
        this.threshold = threshold;
        this.cut = scoreCut(threshold);
        this.fields = List.copyOf(fields);
        this.ruleId = ruleId;
        this.message = message;
        this.citation = citation;
        this.entries = b.grams.size();
        int capacity = Integer.highestOneBit(Math.max(16, entries * 2)) << 1;
        int width = topics.size();
        stride = 1 + (Math.max(width, LANES) + 1) / 2;
        table = new long[capacity * stride];
        mask = capacity - 1;
        for (int e = 0; e < entries; e++) {
            long key = key(b.grams.get(e), 0, b.grams.get(e).length());
            int slot = slot(key);
            while (table[slot * stride] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            int base = slot * stride;
            table[base] = key;
            int bit = bit(key);
            present[bit >>> 6] |= 1L << bit;
            byte[] t = b.gramTopics.get(e);
            float[] w = b.gramWeights.get(e);
            for (int k = 0; k < t.length; k++) {
                long bits = Float.floatToRawIntBits(w[k]) & 0xFFFF_FFFFL;
                table[base + 1 + (t[k] >>> 1)] |= (t[k] & 1) == 0 ? bits : bits << 32;
            }
        }
    }

    /** The topics the model has weights for, in the order of its file. */
    public List<Topic> topics() {
        return topics;
    }

    public double threshold() {
        return threshold;
    }

    public List<String> fields() {
        return fields;
    }

    public String ruleId() {
        return ruleId;
    }

    public String message() {
        return message;
    }

    public String citation() {
        return citation;
    }

    /** How many n-grams carry weights. */
    public int size() {
        return entries;
    }

    /**
     * The probability of each topic for the texts, in {@link #topics()} order; the texts are the
     * normalised fields the model reads.
     */
    public double[] probabilities(List<String> texts) {
        float[] sums = new float[topics.size()];
        int grams = 0;
        for (String text : texts) {
            grams += accumulate(text, sums);
        }
        double[] p = new double[sums.length];
        for (int t = 0; t < sums.length; t++) {
            p[t] = probability(t, sums[t], grams);
        }
        return p;
    }

    /**
     * A score below which the logistic is surely below the threshold, however it rounds: the threshold's
     * logit less 1e-6. The logistic rises by at least threshold × (1 − threshold) × 1e-6 over that margin,
     * far more than the few ulps the exponential, the division and the logit itself may be off; for a
     * threshold within 1e-6 of 0 or 1 that no longer holds, and every topic's probability is computed.
     */
    static double scoreCut(double threshold) {
        if (!(threshold >= 1e-6 && threshold <= 1 - 1e-6)) {
            return Double.NEGATIVE_INFINITY;
        }
        return StrictMath.log(threshold / (1 - threshold)) - 1e-6;
    }

    /** The logistic of the topic's score; StrictMath, so that a replay computes the same bits anywhere. */
    private double probability(int topic, float sum, int grams) {
        double scale = grams == 0 ? 0 : 1 / StrictMath.sqrt(grams);
        return 1 / (1 + StrictMath.exp(-(bias[topic] + sum * scale)));
    }

    /**
     * Adds the weights of every n-gram of the text to {@code sums} (in float: a few hundred weights of
     * four decimals, added in text order, each topic's sum a weight at a time, 0 for a topic the n-gram
     * has no weight for); the number of n-grams read.
     */
    int accumulate(String text, float[] sums) {
        int length = text.length();
        if (stride == 1 + LANES / 2) {
            accumulateLanes(text, sums);
        } else {
            // The keys of the 1-, 2- and 3-gram ending at each character, rolled along (as key() packs them).
            long previous = 0;
            long beforePrevious = 0;
            for (int i = 0; i < length; i++) {
                long c = text.charAt(i);
                add(1L << 16 | c, sums);
                if (i >= 1) {
                    add(2L << 32 | previous << 16 | c, sums);
                }
                if (i >= 2) {
                    add(3L << 48 | beforePrevious << 32 | previous << 16 | c, sums);
                }
                beforePrevious = previous;
                previous = c;
            }
        }
        return length == 0 ? 0 : 3 * length - (length >= 2 ? 3 : 2);
    }

    /**
     * {@link #accumulate} for a model of at most {@link #LANES} topics: the same additions in the same
     * order, each topic's running sum in a local rather than in the array (the lanes past the model's
     * topics add zeros and are not written back).
     */
    private void accumulateLanes(String text, float[] sums) {
        int width = sums.length;
        float s0 = sums[0];
        float s1 = width > 1 ? sums[1] : 0;
        float s2 = width > 2 ? sums[2] : 0;
        float s3 = width > 3 ? sums[3] : 0;
        float s4 = width > 4 ? sums[4] : 0;
        float s5 = width > 5 ? sums[5] : 0;
        float s6 = width > 6 ? sums[6] : 0;
        float s7 = width > 7 ? sums[7] : 0;
        long[] table = this.table;
        int length = text.length();
        long previous = 0;
        long beforePrevious = 0;
        for (int i = 0; i < length; i++) {
            long c = text.charAt(i);
            // The 1-, 2- and 3-gram ending here, in that order, as the general path adds them.
            for (int n = 1; n <= MAX_N && n <= i + 1; n++) {
                long key = n == 1
                        ? 1L << 16 | c
                        : n == 2 ? 2L << 32 | previous << 16 | c : 3L << 48 | beforePrevious << 32 | previous << 16 | c;
                int base = find(key);
                if (base >= 0) {
                    long w01 = table[base + 1];
                    long w23 = table[base + 2];
                    long w45 = table[base + 3];
                    long w67 = table[base + 4];
                    s0 += Float.intBitsToFloat((int) w01);
                    s1 += Float.intBitsToFloat((int) (w01 >>> 32));
                    s2 += Float.intBitsToFloat((int) w23);
                    s3 += Float.intBitsToFloat((int) (w23 >>> 32));
                    s4 += Float.intBitsToFloat((int) w45);
                    s5 += Float.intBitsToFloat((int) (w45 >>> 32));
                    s6 += Float.intBitsToFloat((int) w67);
                    s7 += Float.intBitsToFloat((int) (w67 >>> 32));
                }
            }
            beforePrevious = previous;
            previous = c;
        }
        sums[0] = s0;
        if (width > 1) {
            sums[1] = s1;
        }
        if (width > 2) {
            sums[2] = s2;
        }
        if (width > 3) {
            sums[3] = s3;
        }
        if (width > 4) {
            sums[4] = s4;
        }
        if (width > 5) {
            sums[5] = s5;
        }
        if (width > 6) {
            sums[6] = s6;
        }
        if (width > 7) {
            sums[7] = s7;
        }
    }

    private void add(long key, float[] sums) {
        int base = find(key);
        if (base >= 0) {
            for (int t = 0; t < sums.length; t++) {
                sums[t] += weightAt(base, t);
            }
        }
    }

    /**
     * The model's findings on the scanned copy: one {@link Outcome#ESCALATE} finding per topic whose
     * probability reaches the threshold and that no finding of the rules already has.
     */
    List<Finding> secondOpinion(ContentScan copy, List<Finding> ruled) {
        float[] sums = null;
        int grams = 0;
        for (int i = 0; i < fields.size(); i++) {
            String text = copy.field(fields.get(i)).text().text();
            if (text.isEmpty()) {
                continue;
            }
            if (sums == null) {
                sums = new float[topics.size()];
            }
            grams += accumulate(text, sums);
        }
        if (sums == null) {
            return List.of();
        }
        List<Finding> findings = List.of();
        Set<Topic> found = null;
        double scale = grams == 0 ? 0 : 1 / StrictMath.sqrt(grams);
        for (int t = 0; t < sums.length; t++) {
            // Most topics score far below the threshold: known without the exponential.
            if (bias[t] + sums[t] * scale < cut) {
                continue;
            }
            double p = probability(t, sums[t], grams);
            if (p < threshold) {
                continue;
            }
            if (found == null) {
                found = EnumSet.noneOf(Topic.class);
                for (Finding f : ruled) {
                    if (f.outcome() != Outcome.WARN) {
                        found.add(f.topic());
                    }
                }
            }
            Topic topic = topics.get(t);
            if (found.contains(topic)) {
                continue;
            }
            if (findings.isEmpty()) {
                findings = new ArrayList<>(1);
            }
            List<Evidence> evidence = quotes(copy, t);
            findings.add(new Finding(
                    topic,
                    ruleId,
                    Outcome.ESCALATE,
                    String.format(
                                    Locale.ROOT,
                                    "%s The learned model reads this copy as %s (p = %.2f, threshold %.2f).",
                                    message,
                                    topic,
                                    p,
                                    threshold)
                            + (evidence.isEmpty() ? "" : " Weighed most: " + describe(evidence) + "."),
                    citation,
                    evidence));
        }
        return findings;
    }

    /** The n-grams that weighed most for topic t, as submitted, with raw offsets; none overlapping. */
    private List<Evidence> quotes(ContentScan copy, int t) {
        List<Gram> grams = new ArrayList<>();
        for (String path : fields) {
            NormalizedText text = copy.field(path).text();
            String s = text.text();
            for (int end = 1; end <= s.length(); end++) {
                for (int n = 1; n <= MAX_N && n <= end; n++) {
                    float w = weight(find(key(s, end - n, end)), t);
                    if (w > 0) {
                        grams.add(new Gram(path, text, end - n, end, w));
                    }
                }
            }
        }
        grams.sort((a, b) -> Float.compare(b.weight, a.weight));
        List<Gram> chosen = new ArrayList<>();
        for (Gram g : grams) {
            if (chosen.size() == QUOTED) {
                break;
            }
            boolean overlaps = false;
            boolean same = false;
            for (Gram c : chosen) {
                overlaps |= c.path.equals(g.path) && c.start < g.end && g.start < c.end;
                same |= c.text.text().regionMatches(c.start, g.text.text(), g.start, g.end - g.start)
                        && c.end - c.start == g.end - g.start;
            }
            if (!overlaps && !same) {
                chosen.add(g);
            }
        }
        chosen.sort((a, b) -> a.path.equals(b.path) ? Integer.compare(a.start, b.start) : 0);
        List<Evidence> evidence = new ArrayList<>(chosen.size());
        for (Gram g : chosen) {
            int rawStart = g.text.rawStart(g.start);
            int rawEnd = g.text.rawEnd(g.end);
            evidence.add(new Evidence(g.path, g.text.raw().substring(rawStart, rawEnd), rawStart, rawEnd));
        }
        return evidence;
    }

    private static String describe(List<Evidence> evidence) {
        StringBuilder out = new StringBuilder();
        for (Evidence e : evidence) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append('“').append(e.text()).append('”');
        }
        return out.toString();
    }

    private record Gram(String path, NormalizedText text, int start, int end, float weight) {}

    /** The n-gram's weight for the topic: 0 when the model has no such n-gram ({@code base} -1). */
    private float weight(int base, int topic) {
        return base < 0 ? 0 : weightAt(base, topic);
    }

    private float weightAt(int base, int topic) {
        long w = table[base + 1 + (topic >>> 1)];
        return Float.intBitsToFloat((int) ((topic & 1) == 0 ? w : w >>> 32));
    }

    /** Where the n-gram's slot starts in the table, or -1 when the model has no such n-gram. */
    private int find(long key) {
        int bit = bit(key);
        if ((present[bit >>> 6] & (1L << bit)) == 0) {
            return -1;
        }
        int slot = slot(key);
        while (true) {
            long k = table[slot * stride];
            if (k == key) {
                return slot * stride;
            }
            if (k == EMPTY) {
                return -1;
            }
            slot = (slot + 1) & mask;
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The key's bit in {@link #present}: one of 2^16. */
    private static int bit(long key) {
        long h = key * 0xC2B2AE3D27D4EB4FL;
        return (int) (h >>> 48);
    }

    /** The n-gram's chars and its length packed in a long; never 0. */
    static long key(CharSequence s, int start, int end) {
        long key = end - start;
        for (int i = start; i < end; i++) {
            key = (key << 16) | s.charAt(i);
        }
        return key;
    }

    /** The model as its file describes it, before the pack's threshold and wording are added. */
    public static final class Builder {
        private final List<Topic> topics;
        private final double[] bias;
        private final List<String> grams = new ArrayList<>();
        private final List<byte[]> gramTopics = new ArrayList<>();
        private final List<float[]> gramWeights = new ArrayList<>();
        private final java.util.Set<String> seen = new java.util.HashSet<>();

        public Builder(List<Topic> topics, double[] bias) {
            if (topics.isEmpty() || topics.size() > Byte.MAX_VALUE || topics.size() != bias.length) {
                throw new IllegalArgumentException("one bias per topic, 1 to 127 topics");
            }
            if (EnumSet.copyOf(topics).size() != topics.size()) {
                throw new IllegalArgumentException("a topic is named twice");
            }
            for (double b : bias) {
                if (!Double.isFinite(b)) {
                    throw new IllegalArgumentException("a bias is not a number");
                }
            }
            this.topics = List.copyOf(topics);
            this.bias = bias.clone();
        }

        /**
         * Adds an n-gram (1 to {@link #MAX_N} characters of normalised text) with its weight for each
         * topic index named; refuses a second entry for the same n-gram.
         */
        public Builder gram(String gram, int[] topicIndexes, float[] weights) {
            Objects.requireNonNull(gram, "gram");
            if (gram.isEmpty() || gram.length() > MAX_N) {
                throw new IllegalArgumentException("an n-gram has 1 to " + MAX_N + " characters: '" + gram + "'");
            }
            if (!seen.add(gram)) {
                throw new IllegalArgumentException("n-gram '" + gram + "' is listed twice");
            }
            if (topicIndexes.length != weights.length || topicIndexes.length == 0) {
                throw new IllegalArgumentException("n-gram '" + gram + "' needs at least one topic:weight");
            }
            byte[] t = new byte[topicIndexes.length];
            for (int k = 0; k < t.length; k++) {
                if (topicIndexes[k] < 0 || topicIndexes[k] >= topics.size()) {
                    throw new IllegalArgumentException("n-gram '" + gram + "': no topic " + topicIndexes[k] + " (0 to "
                            + (topics.size() - 1) + ")");
                }
                if (!Float.isFinite(weights[k])) {
                    throw new IllegalArgumentException("n-gram '" + gram + "': weight is not a number");
                }
                t[k] = (byte) topicIndexes[k];
            }
            if (Arrays.stream(topicIndexes).distinct().count() != topicIndexes.length) {
                throw new IllegalArgumentException("n-gram '" + gram + "' names a topic twice");
            }
            grams.add(gram);
            gramTopics.add(t);
            gramWeights.add(weights.clone());
            return this;
        }

        /**
         * @param threshold the probability at or above which the model escalates, above 0 and below 1
         * @param fields the text fields it reads
         */
        public LearnedModel build(
                double threshold, List<String> fields, String ruleId, String message, String citation) {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be above 0 and below 1");
            }
            return new LearnedModel(this, threshold, fields, ruleId, message, citation);
        }
    }
}
