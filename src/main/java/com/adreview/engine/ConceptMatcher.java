package com.adreview.engine;

import com.adreview.check.PhraseMatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Concepts found together: {@code concepts: [fee, before-payout, payout]} fires when a term of every
 * named concept ({@code concepts/}) is found in one sentence of a field, or — with {@code within: 40}
 * — within that many normalised characters, from the first term's start to the last one's end. A
 * scheme is caught whatever words it is told in: "a deposit" + "before" + "the loan is paid out".
 *
 * <p>{@code unless: [fraud-warning]} names concepts that, in the same sentence, make the sentence a
 * warning or a denial ("we never charge a fee before the loan is paid out"), not a demand.
 *
 * <p>The terms are in the one automaton of the pack, so a concept rule costs no further scan; every
 * term that made the rule fire is quoted as evidence, as submitted, with its raw offsets.
 *
 * @param concepts the concepts that must all be found, by id
 * @param unless concepts that cancel a sentence they are found in (each once)
 * @param within 0 for the same sentence, else the most normalised characters the terms may span
 */
public record ConceptMatcher(List<String> concepts, List<String> unless, int within, List<String> fields)
        implements ContentMatcher {

    static final String SENTENCE = "sentence";
    static final int MAX_WITHIN = 200;

    private static final Comparator<PhraseMatch> TEXT_ORDER =
            Comparator.comparingInt(PhraseMatch::normStart).thenComparingInt(PhraseMatch::normEnd);

    public static final Kind KIND = new Kind() {
        @Override
        public String key() {
            return "concepts";
        }

        @Override
        public List<String> optionalKeys() {
            return List.of("within", "unless");
        }

        @Override
        public ContentMatcher read(RuleSource rule, List<String> fields) {
            List<String> concepts = rule.strings(key());
            Set<String> known = rule.content().conceptIds();
            for (String c : concepts) {
                if (!known.contains(c)) {
                    rule.problem(key(), "no concept '" + c + "' in " + ContentDictionary.CONCEPTS_DIRECTORY + "/");
                }
            }
            if (Set.copyOf(concepts).size() != concepts.size()) {
                rule.problem(key(), "a concept is named twice");
            }
            List<String> unless = rule.strings("unless");
            for (String c : unless) {
                if (!known.contains(c)) {
                    rule.problem("unless", "no concept '" + c + "' in " + ContentDictionary.CONCEPTS_DIRECTORY + "/");
                } else if (concepts.contains(c)) {
                    rule.problem("unless", "'" + c + "' is both required and cancelling");
                }
            }
            int within = rule.optionalString("within").map(w -> within(rule, w)).orElse(0);
            return concepts.isEmpty() || within < 0 ? null : new ConceptMatcher(concepts, unless, within, fields);
        }

        private int within(RuleSource rule, String w) {
            if (w.equals(SENTENCE)) {
                return 0;
            }
            try {
                int n = Integer.parseInt(w);
                if (n > 0 && n <= MAX_WITHIN) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            rule.problem("within", "within must be 'sentence' or a number of characters from 1 to " + MAX_WITHIN);
            return -1;
        }
    };

    public ConceptMatcher {
        concepts = concepts.stream().map(String::intern).toList(); // as given: the loader reports a repeat
        unless = ContentDictionary.interned(unless);
        fields = List.copyOf(fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) {
        List<ContentScan.Hit> hits = List.of();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            ContentScan.Field field = copy.field(f);
            // Most rules find most of their concepts missing: passed over without a list or a copy.
            if (!hasAll(field)) {
                continue;
            }
            List<PhraseMatch> found = new ArrayList<>();
            for (PhraseMatch m : field.phrases()) {
                if (concepts.contains(m.listId())) {
                    found.add(m);
                }
            }
            Set<Integer> cancelled = cancelledSentences(field);
            Set<PhraseMatch> quoted = new LinkedHashSet<>();
            if (within == 0) {
                sameSentence(field, found, cancelled, quoted);
            } else {
                withinWindow(field, found, cancelled, quoted);
            }
            if (!quoted.isEmpty()) {
                if (hits.isEmpty()) {
                    hits = new ArrayList<>();
                }
                List<ContentScan.Hit> into = hits;
                quoted.stream()
                        .sorted(TEXT_ORDER)
                        .forEach(m ->
                                into.add(new ContentScan.Hit(f, m.rawStart(), m.rawEnd(), m.rawText(), m.family())));
            }
        }
        return hits;
    }

    private boolean hasAll(ContentScan.Field field) {
        for (int i = 0; i < concepts.size(); i++) {
            if (!field.has(concepts.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The sentences in which a cancelling concept is found. */
    private Set<Integer> cancelledSentences(ContentScan.Field field) {
        Set<Integer> cancelled = new java.util.HashSet<>();
        for (String c : unless) {
            for (PhraseMatch m : field.of(c)) {
                cancelled.add(field.sentenceOf(m.rawStart()));
            }
        }
        return cancelled;
    }

    private void sameSentence(
            ContentScan.Field field, List<PhraseMatch> found, Set<Integer> cancelled, Set<PhraseMatch> quoted) {
        java.util.Map<Integer, List<PhraseMatch>> bySentence = new java.util.TreeMap<>();
        for (PhraseMatch m : found) {
            int sentence = field.sentenceOf(m.rawStart());
            if (!cancelled.contains(sentence)) {
                bySentence.computeIfAbsent(sentence, s -> new ArrayList<>()).add(m);
            }
        }
        for (List<PhraseMatch> sentence : bySentence.values()) {
            if (coversAll(sentence)) {
                quoted.addAll(sentence);
            }
        }
    }

    /** Every set of terms covering the concepts and spanning at most {@link #within} characters. */
    private void withinWindow(
            ContentScan.Field field, List<PhraseMatch> found, Set<Integer> cancelled, Set<PhraseMatch> quoted) {
        List<PhraseMatch> usable = new ArrayList<>();
        for (PhraseMatch m : found) {
            if (!cancelled.contains(field.sentenceOf(m.rawStart()))) {
                usable.add(m);
            }
        }
        usable.sort(TEXT_ORDER);
        for (int i = 0; i < usable.size(); i++) {
            int start = usable.get(i).normStart();
            List<PhraseMatch> window = new ArrayList<>();
            for (int j = i; j < usable.size() && usable.get(j).normStart() < start + within; j++) {
                if (usable.get(j).normEnd() <= start + within) {
                    window.add(usable.get(j));
                }
            }
            if (coversAll(window)) {
                quoted.addAll(window);
            }
        }
    }

    private boolean coversAll(List<PhraseMatch> matches) {
        for (String concept : concepts) {
            boolean seen = false;
            for (PhraseMatch m : matches) {
                if (m.listId().equals(concept)) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                return false;
            }
        }
        return true;
    }
}
