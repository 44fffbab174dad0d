package com.adreview.check;

import java.text.Normalizer;

/** Width, case and white-space folding shared by the checks on short structured fields. */
final class Fold {

    private Fold() {}

    /** NFKC (full-width to half-width), every kind of white space removed, lower case. */
    static String compact(String s) {
        if (s == null) {
            return "";
        }
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints()
                .filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp))
                .map(Character::toLowerCase)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
