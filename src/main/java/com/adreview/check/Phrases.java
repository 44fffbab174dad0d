package com.adreview.check;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Simple phrase presence for short, structured texts such as a risk warning. */
public final class Phrases {

    /**
     * Phrase lists come from the pack's parameters, so there are few distinct ones; folding each once
     * keeps a check on a short text to one pass over that text.
     */
    private static final Map<List<String>, List<String>> FOLDED = new ConcurrentHashMap<>();

    private static final int MAX_CACHED_LISTS = 1_000;

    private Phrases() {}

    /** Whether the text contains any of the phrases, ignoring width, case and white space. */
    public static boolean containsAny(String text, List<String> phrases) {
        String haystack = Fold.compact(text);
        if (haystack.isEmpty()) {
            return false;
        }
        for (String needle : folded(phrases)) {
            if (!needle.isEmpty() && haystack.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> folded(List<String> phrases) {
        List<String> cached = FOLDED.get(phrases);
        if (cached != null) {
            return cached;
        }
        List<String> folded = phrases.stream().map(Fold::compact).toList();
        if (FOLDED.size() < MAX_CACHED_LISTS) {
            FOLDED.put(List.copyOf(phrases), folded);
        }
        return folded;
    }
}
