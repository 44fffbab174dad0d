package com.adreview.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, compiled dictionary: all phrases of all lists in one Aho–Corasick automaton, normalised with
 * the same {@link TextNormalizer} that will normalise the ad text. Build once and share; it is thread-safe.
 */
public final class PhraseDictionary {

    private final TextNormalizer normalizer;
    private final List<PhraseList> lists;
    private final int listIdCount;
    private final CompiledPhrase[] phrases;
    private final AhoCorasickAutomaton automaton;

    public PhraseDictionary(List<PhraseList> lists) {
        this(lists, TextNormalizer.standard());
    }

    /**
     * @throws IllegalArgumentException if a phrase, negation or exclusion has nothing left after normalisation
     *                                  (e.g. only punctuation), or an exclusion equals a phrase of its list
     */
    public PhraseDictionary(List<PhraseList> lists, TextNormalizer normalizer) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.lists = List.copyOf(Objects.requireNonNull(lists, "lists"));
        Map<String, Integer> ordinals = new HashMap<>();
        List<CompiledPhrase> compiled = new ArrayList<>();
        for (PhraseList list : this.lists) {
            compiled.addAll(compile(list, ordinals.computeIfAbsent(list.listId(), id -> ordinals.size())));
        }
        this.listIdCount = ordinals.size();
        this.phrases = compiled.toArray(new CompiledPhrase[0]);
        this.automaton = AhoCorasickAutomaton.build(
                compiled.stream().map(CompiledPhrase::normalized).toList());
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    /** The lists as supplied. */
    public List<PhraseList> lists() {
        return lists;
    }

    /** Number of distinct phrases compiled (phrases normalising to the same text within one entry count once). */
    public int phraseCount() {
        return phrases.length;
    }

    AhoCorasickAutomaton automaton() {
        return automaton;
    }

    CompiledPhrase phrase(int id) {
        return phrases[id];
    }

    int listIdCount() {
        return listIdCount;
    }

    private List<CompiledPhrase> compile(PhraseList list, int ordinal) {
        String[] negations = list.negations().stream()
                .map(negation -> normalizeRule(negation, "negation", list))
                .toArray(String[]::new);
        List<String> exclusions = list.exclusions().stream()
                .map(exclusion -> normalizeRule(exclusion, "exclusion", list))
                .toList();
        CompiledList compiledList = new CompiledList(list.listId(), list.family(), ordinal, negations);
        Set<String> seen = new HashSet<>();
        List<CompiledPhrase> compiled = new ArrayList<>();
        for (String phrase : list.phrases()) {
            String normalized = normalizeRule(phrase, "phrase", list);
            // "保證" and "保证" are one phrase once normalised; keep the first spelling as the reported one.
            if (seen.add(normalized)) {
                compiled.add(new CompiledPhrase(compiledList, phrase, normalized, exclusions));
            }
        }
        return compiled;
    }

    private String normalizeRule(String value, String role, PhraseList list) {
        Objects.requireNonNull(value, role);
        String normalized = normalizer.normalize(value).text();
        if (normalized.isEmpty()) {
            throw new IllegalArgumentException(role + " \"" + value + "\" in list " + list.listId()
                    + " has nothing left to match after normalisation");
        }
        return normalized;
    }
}
