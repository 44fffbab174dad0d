package com.adreview.check;

import com.ibm.icu.text.Normalizer2;

/** Width, case and white-space folding shared by the checks on short structured fields. */
final class Fold {

    /** NFKC with case folding in one pass; its quick check makes already-folded text nearly free. */
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private Fold() {}

    /** NFKC (full-width to half-width), case folded, every kind of white space removed. */
    static String compact(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String folded = NFKC_CASEFOLD.normalize(s);
        StringBuilder out = null;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            int next = i + Character.charCount(cp);
            boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
            if (space && out == null) {
                out = new StringBuilder(folded.length()).append(folded, 0, i);
            } else if (!space && out != null) {
                out.appendCodePoint(cp);
            }
            i = next;
        }
        return out == null ? folded : out.toString();
    }
}
