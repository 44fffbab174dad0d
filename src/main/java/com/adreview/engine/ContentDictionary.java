package com.adreview.engine;

import com.adreview.check.ObfuscationDetector;
import com.adreview.check.PhraseDictionary;
import com.adreview.check.PhraseList;
import com.adreview.check.PhraseMatcher;
import com.adreview.check.RateExtractor;
import com.adreview.check.TextNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The compiled content side of a pack: every phrase list of {@code phrases/}, every concept lexicon of
 * {@code concepts/} and the rate keywords in one automaton, and the obfuscation detector, all sharing
 * one normaliser so that a text is normalised once per field and decision and scanned once.
 */
public final class ContentDictionary {

    /** The pack's directory of phrase lists and rate keywords. */
    public static final String DIRECTORY = "phrases";

    /** The pack's directory of concept lexicons. */
    public static final String CONCEPTS_DIRECTORY = "concepts";

    private final TextNormalizer normalizer = TextNormalizer.standard();
    private final PhraseMatcher phrases;
    private final RateExtractor rates;
    private final ObfuscationDetector obfuscation = new ObfuscationDetector(normalizer);
    private final List<PhraseList> lists;
    private final Set<String> listIds;
    private final List<PhraseList> concepts;
    private final Set<String> conceptIds;
    private final int phraseCount;
    /** A dense number for every list, concept and rate keyword id of the automaton. */
    private final Map<String, Integer> ordinals = new HashMap<>();

    public ContentDictionary(List<PhraseList> lists, List<PhraseList> rateKeywords, int rateWindow) {
        this(lists, List.of(), rateKeywords, rateWindow);
    }

    /**
     * @param concepts the concept lexicons concept rules combine; their terms join the one automaton
     */
    public ContentDictionary(
            List<PhraseList> lists, List<PhraseList> concepts, List<PhraseList> rateKeywords, int rateWindow) {
        // Concepts and rate keywords share the automaton, so each field is scanned once for all of them.
        List<PhraseList> all = new ArrayList<>(lists);
        all.addAll(concepts);
        all.addAll(rateKeywords);
        PhraseDictionary dictionary = all.isEmpty() ? null : new PhraseDictionary(all, normalizer);
        this.phrases = dictionary == null ? null : new PhraseMatcher(dictionary);
        this.phraseCount = dictionary == null ? 0 : dictionary.phraseCount();
        for (PhraseList list : all) {
            ordinals.putIfAbsent(list.listId().intern(), ordinals.size());
        }
        this.rates = rateKeywords.isEmpty() ? null : new RateExtractor(rateWindow);
        this.lists = List.copyOf(lists);
        this.listIds = lists.stream().map(PhraseList::listId).collect(Collectors.toUnmodifiableSet());
        this.concepts = List.copyOf(concepts);
        this.conceptIds = concepts.stream().map(PhraseList::listId).collect(Collectors.toUnmodifiableSet());
    }

    public static ContentDictionary empty() {
        return new ContentDictionary(List.of(), List.of(), 0);
    }

    public TextNormalizer normalizer() {
        return normalizer;
    }

    /** Phrase lists and rate keywords in one automaton; null when the pack has neither. */
    public PhraseMatcher phrases() {
        return phrases;
    }

    /** Null when the pack has no rate keywords. */
    public RateExtractor rates() {
        return rates;
    }

    public ObfuscationDetector obfuscation() {
        return obfuscation;
    }

    /** Every phrase list of the pack, as written. */
    public List<PhraseList> lists() {
        return lists;
    }

    public Set<String> listIds() {
        return listIds;
    }

    /** Every concept lexicon of the pack, as written. */
    public List<PhraseList> concepts() {
        return concepts;
    }

    public Set<String> conceptIds() {
        return conceptIds;
    }

    /**
     * The ids, each once, in order, interned: the dictionary's ids and every match's are too, so the
     * rules of a decision find them by identity (a few hundred look-ups and comparisons per decision).
     */
    static List<String> interned(List<String> ids) {
        return new java.util.LinkedHashSet<>(ids).stream().map(String::intern).toList();
    }

    /** The dense number of a list, concept or rate keyword id; -1 for an id the pack does not have. */
    int ordinal(String listId) {
        Integer ordinal = ordinals.get(listId);
        return ordinal == null ? -1 : ordinal;
    }

    /** How many list, concept and rate keyword ids {@link #ordinal(String)} numbers. */
    int ordinalCount() {
        return ordinals.size();
    }

    public int phraseCount() {
        return phraseCount;
    }
}
