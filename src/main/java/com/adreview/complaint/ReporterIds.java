package com.adreview.complaint;

import com.ibm.icu.text.Normalizer2;

/**
 * The one form a reporter id is compared in: NFKC with full case folding (which also drops the
 * default-ignorable characters: zero-width spaces and joiners, variation selectors, tags), then with
 * every white-space, control and format character removed. So {@code "R-SAME"}, {@code " r-same"},
 * {@code "r-same\u200b"}, {@code "ｒ－ｓａｍｅ"} and {@code "r-same "} are one reporter.
 */
public final class ReporterIds {

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

    private ReporterIds() {}

    /** The comparable form; empty when nothing visible is left. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String current = raw;
        // Removing a space can bring a letter and a combining mark together (NFKC turns "΄" into a space and
        // an accent), which normalise into one character: repeat until nothing changes.
        for (int round = 0; round < 4; round++) {
            String next = stripped(NFKC_CASEFOLD.normalize(current));
            if (next.equals(current)) {
                break;
            }
            current = next;
        }
        return current;
    }

    private static String stripped(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        folded.codePoints().forEach(cp -> {
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && !invisible(cp)) {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }
}
