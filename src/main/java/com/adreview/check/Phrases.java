package com.adreview.check;

import java.util.List;

/** Simple phrase presence for short, structured texts such as a risk warning. */
public final class Phrases {

    private Phrases() {}

    /** Whether the text contains any of the phrases, ignoring width, case and white space. */
    public static boolean containsAny(String text, List<String> phrases) {
        String haystack = Fold.compact(text);
        if (haystack.isEmpty()) {
            return false;
        }
        for (String phrase : phrases) {
            String needle = Fold.compact(phrase);
            if (!needle.isEmpty() && haystack.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
