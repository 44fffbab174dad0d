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
        String quick = quickCompact(s);
        return quick != null ? quick : normalizerCompact(s);
    }

    /** {@link #compact} through the normaliser, whatever the characters. */
    static String normalizerCompact(String s) {
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

    /**
     * The same result without the normaliser for the characters most names and warnings are written in,
     * or null when another character is present: printable ASCII (NFKC keeps it; case folding lowers
     * A–Z), the full-width forms of ASCII U+FF01–U+FF5E (NFKC makes them ASCII), the ideographic space
     * U+3000 (NFKC makes it a space, which goes), the ideographic comma and full stop U+3001–U+3002 and
     * the CJK unified ideographs U+4E00–U+9FFF (both kept as they are). None of these composes with
     * another, so each maps alone. {@code FoldTest} checks this against the normaliser character by
     * character.
     */
    static String quickCompact(String s) {
        char[] out = null;
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char m;
            if (c >= 0xFF01 && c <= 0xFF5E) {
                m = (char) (c - 0xFEE0);
            } else if ((c >= 0x20 && c <= 0x7E) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3000 && c <= 0x3002)) {
                m = c;
            } else {
                return null;
            }
            if (m >= 'A' && m <= 'Z') {
                m = (char) (m + ('a' - 'A'));
            }
            if (m == ' ' || m == 0x3000) {
                m = 0; // white space goes
            }
            if (m != c && out == null) {
                out = new char[s.length()];
                s.getChars(0, i, out, 0);
                n = i;
            }
            if (out != null && m != 0) {
                out[n++] = m;
            }
        }
        return out == null ? s : new String(out, 0, n);
    }
}
