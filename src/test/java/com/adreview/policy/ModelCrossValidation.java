package com.adreview.policy;

import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.LearnedModel;
import com.adreview.engine.Outcome;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.Topic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The learned second opinion judged on ads it did not train on: the corpus in id order is cut into
 * k folds (ad i in fold i mod k); for each fold a model is trained on the others, exactly as the
 * training command trains the shipped one, and read back as the pack reads it. Per topic: the
 * model's own precision and recall at the pack's threshold; and what it would add to the rules —
 * held-out ads where it names a topic no rule found, right (labelled) or wrong, and clean ads it
 * would send to review.
 */
record ModelCrossValidation(
        int folds,
        double threshold,
        Map<Topic, CorpusReport.Score> scores,
        List<String> extraRight,
        List<String> extraWrong,
        List<String> cleanEscalated,
        int clean,
        List<String> sweep) {

    /** Thresholds the report shows the model's figures at, beside the pack's. */
    static final double[] SWEEP = {0.5, 0.6, 0.7, 0.8, 0.9, 0.95};

    /** One held-out ad: what the model said of each topic, and the topics the rules found. */
    private record Judged(Corpus.Ad ad, double[] p, Set<Topic> ruled) {}

    static ModelCrossValidation of(Corpus corpus, PolicyPack pack, LearnedModelReader.Section section, int k) {
        List<Corpus.Ad> ordered = new ArrayList<>(corpus.ads());
        ordered.sort(Comparator.comparing(Corpus.Ad::id));
        PolicyPack rulesOnly = new PolicyPack(
                pack.version(),
                pack.name(),
                pack.timeZone(),
                pack.rules(),
                pack.parameters(),
                pack.content(),
                null,
                pack.sources(),
                pack.surges());
        DecisionEngine engine = new DecisionEngine();
        List<Judged> judged = new ArrayList<>();
        List<Topic> topics = null;
        for (int fold = 0; fold < k; fold++) {
            List<Corpus.Ad> train = new ArrayList<>();
            List<Corpus.Ad> held = new ArrayList<>();
            for (int i = 0; i < ordered.size(); i++) {
                (i % k == fold ? held : train).add(ordered.get(i));
            }
            LearnedModel model = read(NgramTrainer.train(train), section);
            topics = model.topics();
            for (Corpus.Ad ad : held) {
                Decision d = engine.evaluate(ad.toPackage(), new EvaluationContext(CorpusReport.NOW), rulesOnly);
                Set<Topic> ruled = EnumSet.noneOf(Topic.class);
                d.findings().stream().filter(f -> f.outcome() != Outcome.WARN).forEach(f -> ruled.add(f.topic()));
                judged.add(new Judged(ad, model.probabilities(NgramTrainer.texts(ad)), ruled));
            }
        }
        List<String> sweep = new ArrayList<>();
        for (double threshold : SWEEP) {
            ModelCrossValidation at = at(judged, topics, threshold, k, List.of());
            sweep.add(String.format(
                    Locale.ROOT,
                    "  %.2f   precision %5.1f%%  recall %5.1f%%  clean ads to review %d of %d",
                    threshold,
                    100 * at.overall().precision(),
                    100 * at.overall().recall(),
                    at.cleanEscalated().size(),
                    at.clean()));
        }
        return at(judged, topics, section.threshold(), k, sweep);
    }

    private static ModelCrossValidation at(
            List<Judged> judged, List<Topic> topics, double threshold, int k, List<String> sweep) {
        Map<Topic, int[]> counts = new EnumMap<>(Topic.class);
        topics.forEach(t -> counts.put(t, new int[3]));
        List<String> extraRight = new ArrayList<>();
        List<String> extraWrong = new ArrayList<>();
        List<String> cleanEscalated = new ArrayList<>();
        int clean = 0;
        for (Judged j : judged) {
            boolean escalated = false;
            for (int t = 0; t < j.p().length; t++) {
                Topic topic = topics.get(t);
                boolean said = j.p()[t] >= threshold;
                boolean labelled = j.ad().topics().contains(topic);
                int[] c = counts.get(topic);
                c[0] += labelled ? 1 : 0;
                c[1] += said && labelled ? 1 : 0;
                c[2] += said && !labelled ? 1 : 0;
                if (said && !j.ruled().contains(topic)) {
                    String line = String.format(Locale.ROOT, "%s %s p=%.2f", j.ad().id(), topic, j.p()[t]);
                    (labelled ? extraRight : extraWrong).add(line);
                    escalated = true;
                }
            }
            if (j.ad().clean()) {
                clean++;
                if (escalated) {
                    cleanEscalated.add(j.ad().id());
                }
            }
        }
        Map<Topic, CorpusReport.Score> scores = new EnumMap<>(Topic.class);
        counts.forEach((t, c) -> scores.put(t, new CorpusReport.Score(c[0], c[1], c[2])));
        return new ModelCrossValidation(k, threshold, scores, extraRight, extraWrong, cleanEscalated, clean, sweep);
    }

    /** A model file read as the pack reads it, with the section's threshold and wording. */
    static LearnedModel read(String modelFile, LearnedModelReader.Section section) {
        List<PackProblem> problems = new ArrayList<>();
        LearnedModel model = LearnedModelReader.read(section, Map.of(section.model(), modelFile), problems);
        if (model == null) {
            throw new IllegalStateException("the trained model does not read back: " + problems);
        }
        return model;
    }

    CorpusReport.Score overall() {
        return scores.values().stream().reduce(new CorpusReport.Score(0, 0, 0), CorpusReport.Score::plus);
    }

    String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%nLearned second opinion, %d-fold cross-validation (each ad judged by a model that did not"
                        + " train on it), threshold %.2f%n%n",
                folds,
                threshold));
        out.append(String.format(
                Locale.ROOT,
                "%-24s %9s %6s %6s %6s %10s %8s%n",
                "topic (model alone)",
                "positives",
                "found",
                "missed",
                "false",
                "precision",
                "recall"));
        scores.forEach((t, s) -> out.append(CorpusReport.row(t.name(), s)));
        out.append(CorpusReport.row("overall (micro)", overall()));
        out.append(String.format(
                Locale.ROOT,
                "%nBeyond the rules: %d held-out ads escalated for a labelled topic no rule found, %d for a"
                        + " topic not labelled; clean ads it would send to review: %d of %d%n",
                extraRight.size(),
                extraWrong.size(),
                cleanEscalated.size(),
                clean));
        extraRight.forEach(l -> out.append("  right ").append(l).append('\n'));
        extraWrong.forEach(l -> out.append("  wrong ").append(l).append('\n'));
        out.append(String.format(Locale.ROOT, "%nThe model alone at other thresholds (micro over its topics):%n"));
        sweep.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }
}
