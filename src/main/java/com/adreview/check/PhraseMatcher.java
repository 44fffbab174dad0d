package com.adreview.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Scans ad copy against a {@link PhraseDictionary}: one normalisation, one automaton pass, then context rules.
 *
 * <p>A raw hit is dropped when its list's negation prefix directly precedes it or one of its list's exclusion
 * phrases covers it. Of the surviving hits, all lists are reported even when they overlap; within one list id
 * a hit lying inside another hit of that list is dropped, so the longest phrase wins.
 */
public final class PhraseMatcher {

    /** Text order, longer first at the same start, so containment can be decided in one sweep. */
    private static final Comparator<Hit> SWEEP_ORDER = Comparator.comparingInt(Hit::start)
            .thenComparing(Comparator.comparingInt(Hit::end).reversed())
            .thenComparingInt(Hit::phraseId);

    private final PhraseDictionary dictionary;

    public PhraseMatcher(PhraseDictionary dictionary) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
    }

    /** Matches in {@code raw}, ordered by position (longer first at the same start). */
    public List<PhraseMatch> scan(String raw) {
        return scan(dictionary.normalizer().normalize(raw));
    }

    /** As {@link #scan(String)} for text already normalised by the dictionary's normaliser. */
    public List<PhraseMatch> scan(NormalizedText normalized) {
        Objects.requireNonNull(normalized, "normalized");
        List<Hit> hits = new ArrayList<>();
        dictionary.automaton().scan(normalized.text(), (phraseId, end) -> {
            CompiledPhrase phrase = dictionary.phrase(phraseId);
            int start = end - phrase.length();
            if (!phrase.isExcludedAt(normalized.text(), start) && !phrase.list().isNegatedAt(normalized, start)) {
                hits.add(new Hit(phraseId, start, end));
            }
        });
        return hits.isEmpty() ? List.of() : longestPerList(hits, normalized);
    }

    private List<PhraseMatch> longestPerList(List<Hit> hits, NormalizedText normalized) {
        hits.sort(SWEEP_ORDER);
        // Every earlier hit starts at or before the current one, so it contains the current hit iff it ends later.
        int[] furthestEnd = new int[dictionary.listIdCount()];
        Arrays.fill(furthestEnd, -1);
        List<PhraseMatch> matches = new ArrayList<>(hits.size());
        for (Hit hit : hits) {
            CompiledPhrase phrase = dictionary.phrase(hit.phraseId());
            int ordinal = phrase.list().ordinal();
            if (furthestEnd[ordinal] >= hit.end()) {
                continue;
            }
            furthestEnd[ordinal] = hit.end();
            matches.add(toMatch(phrase, hit, normalized));
        }
        return List.copyOf(matches);
    }

    private static PhraseMatch toMatch(CompiledPhrase phrase, Hit hit, NormalizedText normalized) {
        int rawStart = normalized.rawStart(hit.start());
        int rawEnd = normalized.rawEnd(hit.end());
        return new PhraseMatch(
                phrase.list().listId(),
                phrase.list().family(),
                phrase.text(),
                phrase.normalized(),
                hit.start(),
                hit.end(),
                rawStart,
                rawEnd,
                normalized.raw().substring(rawStart, rawEnd));
    }

    private record Hit(int phraseId, int start, int end) {}
}
