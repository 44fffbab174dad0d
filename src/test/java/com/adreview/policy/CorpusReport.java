package com.adreview.policy;

import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Outcome;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.Topic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the pack's rules decide the labelled corpus: per content topic, the ads labelled with it
 * (positives), those the pack found (true hits), those it missed, and the ads it gave the topic
 * without the label (false hits); and the clean ads it rejected or sent to review.
 */
record CorpusReport(
        Map<Topic, Score> scores,
        List<Line> misses,
        List<Line> falseHits,
        List<Corpus.Ad> cleanRejected,
        List<Corpus.Ad> cleanEscalated,
        int ads,
        int clean) {

    static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    /** One topic's counts. */
    record Score(int positives, int truePositives, int falsePositives) {
        int misses() {
            return positives - truePositives;
        }

        double recall() {
            return positives == 0 ? 1 : (double) truePositives / positives;
        }

        double precision() {
            int found = truePositives + falsePositives;
            return found == 0 ? 1 : (double) truePositives / found;
        }

        Score plus(Score o) {
            return new Score(
                    positives + o.positives, truePositives + o.truePositives, falsePositives + o.falsePositives);
        }
    }

    /** An ad the pack got wrong for a topic, with what the pack said about it. */
    record Line(Corpus.Ad ad, Topic topic, String found) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "  %-13s %-22s %s | %s%n      label: %s%n      found: %s",
                    ad.id(),
                    topic,
                    ad.headline(),
                    ad.body().replace('\n', ' '),
                    ad.reason(),
                    found);
        }
    }

    static CorpusReport of(Corpus corpus, PolicyPack pack) {
        DecisionEngine engine = new DecisionEngine();
        Map<Topic, int[]> counts = new EnumMap<>(Topic.class);
        Corpus.CONTENT_TOPICS.forEach(t -> counts.put(t, new int[3]));
        List<Line> misses = new ArrayList<>();
        List<Line> falseHits = new ArrayList<>();
        List<Corpus.Ad> rejected = new ArrayList<>();
        List<Corpus.Ad> escalated = new ArrayList<>();
        int clean = 0;
        for (Corpus.Ad ad : corpus.ads()) {
            Decision d = engine.evaluate(ad.toPackage(), new EvaluationContext(NOW), pack);
            Set<Topic> found = EnumSet.noneOf(Topic.class);
            d.findings().stream()
                    .filter(f -> f.outcome() != Outcome.WARN && Corpus.CONTENT_TOPICS.contains(f.topic()))
                    .forEach(f -> found.add(f.topic()));
            String said = describe(d);
            for (Topic t : Corpus.CONTENT_TOPICS) {
                int[] c = counts.get(t);
                boolean labelled = ad.topics().contains(t);
                if (labelled) {
                    c[0]++;
                    if (found.contains(t)) {
                        c[1]++;
                    } else {
                        misses.add(new Line(ad, t, said));
                    }
                } else if (found.contains(t)) {
                    c[2]++;
                    falseHits.add(new Line(ad, t, said));
                }
            }
            if (ad.clean()) {
                clean++;
                boolean reject = d.findings().stream().anyMatch(f -> f.outcome() == Outcome.REJECT);
                boolean escalate = d.findings().stream().anyMatch(f -> f.outcome() == Outcome.ESCALATE);
                if (reject) {
                    rejected.add(ad);
                } else if (escalate) {
                    escalated.add(ad);
                }
            }
        }
        Map<Topic, Score> scores = new EnumMap<>(Topic.class);
        counts.forEach((t, c) -> scores.put(t, new Score(c[0], c[1], c[2])));
        return new CorpusReport(
                scores, misses, falseHits, rejected, escalated, corpus.ads().size(), clean);
    }

    private static String describe(Decision d) {
        if (d.findings().isEmpty()) {
            return "nothing (APPROVED)";
        }
        return d.findings().stream()
                .map(f -> f.topic() + "/" + f.ruleId() + " "
                        + f.evidence().stream().map(e -> "“" + e.text() + "”").collect(Collectors.joining(" ")))
                .collect(Collectors.joining("; "));
    }

    Score overall() {
        return scores.values().stream().reduce(new Score(0, 0, 0), Score::plus);
    }

    /** The report as a table, then the misses and the false hits, one per line. */
    String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT, "Corpus: %d ads, %d clean, %d labelled with content topics%n%n", ads, clean, ads - clean));
        out.append(String.format(
                Locale.ROOT,
                "%-24s %9s %6s %6s %6s %10s %8s%n",
                "topic",
                "positives",
                "found",
                "missed",
                "false",
                "precision",
                "recall"));
        scores.forEach((t, s) -> out.append(row(t.name(), s)));
        out.append(row("overall (micro)", overall()));
        out.append(String.format(
                Locale.ROOT,
                "%nClean ads rejected: %d; sent to review: %d%n",
                cleanRejected.size(),
                cleanEscalated.size()));
        cleanRejected.forEach(a -> out.append("  rejected ")
                .append(a.id())
                .append(": ")
                .append(a.body())
                .append('\n'));
        cleanEscalated.forEach(a -> out.append("  review   ")
                .append(a.id())
                .append(": ")
                .append(a.body())
                .append('\n'));
        out.append(String.format(Locale.ROOT, "%nMisses (%d):%n", misses.size()));
        misses.forEach(l -> out.append(l).append('\n'));
        out.append(String.format(Locale.ROOT, "%nFalse hits (%d):%n", falseHits.size()));
        falseHits.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    static String row(String name, Score s) {
        return String.format(
                Locale.ROOT,
                "%-24s %9d %6d %6d %6d %9.1f%% %7.1f%%%n",
                name,
                s.positives(),
                s.truePositives(),
                s.misses(),
                s.falsePositives(),
                100 * s.precision(),
                100 * s.recall());
    }
}
