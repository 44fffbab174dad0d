package com.adreview.check;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;

/** A {@link PhraseList} entry in matching form: its identity plus normalised negation prefixes. */
final class CompiledList {

    /** Raw characters that end a clause; a negation never reaches across one ("不，保本！" still claims 保本). */
    private static final String CLAUSE_BREAKS = "，,。!！?？;；:：、…\n\r";

    private final String listId;
    private final String family;
    private final int ordinal;
    private final String[] negations;
    private final boolean[] negationStartsWord;
    /** The last char of every negation: a match not directly after one of them is not negated. */
    private final String negationEnds;

    CompiledList(String listId, String family, int ordinal, String[] normalizedNegations) {
        this.listId = listId.intern(); // matched by identity in the engine's rules, one per match
        this.family = family;
        this.ordinal = ordinal;
        this.negations = normalizedNegations.clone();
        this.negationStartsWord = new boolean[negations.length];
        for (int k = 0; k < negations.length; k++) {
            negationStartsWord[k] = isSpaceDelimitedLetter(negations[k].codePointAt(0));
        }
        StringBuilder ends = new StringBuilder();
        for (String negation : negations) {
            char last = negation.charAt(negation.length() - 1);
            if (ends.indexOf(String.valueOf(last)) < 0) {
                ends.append(last);
            }
        }
        this.negationEnds = ends.toString();
    }

    String listId() {
        return listId;
    }

    String family() {
        return family;
    }

    /** Dense index of {@link #listId()}, shared by all entries with the same id. */
    int ordinal() {
        return ordinal;
    }

    /** Whether a match starting at normalised index {@code start} is directly preceded by a negation prefix. */
    boolean isNegatedAt(NormalizedText normalized, int start) {
        String text = normalized.text();
        // Single-character terms (需, 先, 加) are found often; most are not preceded by a negation's end.
        if (start == 0 || negationEnds.indexOf(text.charAt(start - 1)) < 0) {
            return false;
        }
        for (int k = 0; k < negations.length; k++) {
            String negation = negations[k];
            int negationStart = start - negation.length();
            if (negationStart >= 0
                    && text.startsWith(negation, negationStart)
                    && (!negationStartsWord[k] || startsRawWord(normalized, negationStart))
                    && !clauseBreakBefore(normalized, start)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spaces vanish in normalised text, so word starts are judged on the raw text: the raw character before
     * the negation (skipping invisible ones) must not be a letter or digit of a space-delimited script.
     */
    private static boolean startsRawWord(NormalizedText normalized, int normIndex) {
        String raw = normalized.raw();
        int i = normalized.rawStart(normIndex);
        while (i > 0) {
            int previous = raw.codePointBefore(i);
            if (!CharTables.isHidden(previous)) {
                return !isSpaceDelimitedLetter(previous) && !UCharacter.isDigit(previous);
            }
            i -= Character.charCount(previous);
        }
        return true;
    }

    /** Whether the raw gap between the char before {@code start} and the char at {@code start} ends a clause. */
    private static boolean clauseBreakBefore(NormalizedText normalized, int start) {
        String raw = normalized.raw();
        int gapEnd = normalized.rawStart(start);
        for (int i = normalized.rawEnd(start); i < gapEnd; i++) {
            char c = raw.charAt(i);
            boolean sentenceStop = c == '.' && (i + 1 == raw.length() || Character.isWhitespace(raw.charAt(i + 1)));
            if (sentenceStop || CLAUSE_BREAKS.indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpaceDelimitedLetter(int cp) {
        int script = UScript.getScript(cp);
        return UCharacter.isLetter(cp)
                && (script == UScript.LATIN || script == UScript.CYRILLIC || script == UScript.GREEK);
    }
}
