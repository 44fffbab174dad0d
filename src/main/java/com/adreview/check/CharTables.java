package com.adreview.check;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UTF16;
import com.ibm.icu.text.UnicodeSet;
import com.ibm.icu.text.UnicodeSetIterator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-code-point facts and mappings behind {@link TextNormalizer}, computed from ICU data.
 *
 * <p>Everything the hot path needs is a table lookup: the classification flags for the BMP are computed
 * eagerly (a few milliseconds), while the full per-code-point mapping (NFKC casefold, Traditional to
 * Simplified, look-alike fold, separator removal) is computed on first use and cached, because the ICU
 * transliterator costs microseconds per call.
 */
final class CharTables {

    private static final int HIDDEN = 1;
    private static final int BIDI = 2;
    private static final int JOINS_PREVIOUS = 4;
    private static final int RESOLVED = 8;
    private static final int SINGLE = 16;
    private static final int SINGLE_IS_DIGIT = 32;
    private static final int DROPPED = 64;
    private static final int SINGLE_CHAR_SHIFT = 16;

    private static final int BMP_SIZE = 0x10000;
    private static final int SUPPLEMENTARY_CACHE_LIMIT = 20_000;

    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Transliterator TRADITIONAL_TO_SIMPLIFIED =
            Transliterator.getInstance("Traditional-Simplified");
    private static final UnicodeSet TRADITIONAL_SOURCE =
            TRADITIONAL_TO_SIMPLIFIED.getSourceSet().freeze();
    private static final Map<Integer, Character> CONFUSABLE_FOLD = buildConfusableFold();

    /*
     * One int per BMP char: the classification flags, computed eagerly, and once RESOLVED its mapping. Most
     * chars map to exactly one char, which is stored inline (SINGLE) so the hot loop touches no String.
     * Entries are filled lazily; racing threads compute the same pure value and int writes are atomic.
     */
    private static final int[] BMP_ENTRIES = buildBmpEntries();
    /*
     * Mappings of resolved BMP chars that are not SINGLE. A reader may see the entry before this slot (no
     * happens-before between them), so readers recompute on null; String's final fields make a published
     * reference safe to read.
     */
    private static final String[] BMP_MAPPED = new String[BMP_SIZE];
    private static final Map<Integer, String> SUPPLEMENTARY_MAPPED = new ConcurrentHashMap<>();
    private static final Map<Integer, String> HIDDEN_DESCRIPTIONS = new ConcurrentHashMap<>();

    private CharTables() {}

    /** Whether the code point is removed as invisible (default-ignorable, which covers tags and variation selectors). */
    static boolean isHidden(int cp) {
        return (flags(cp) & HIDDEN) != 0;
    }

    /** Whether the code point is a bidirectional formatting control. */
    static boolean isBidiControl(int cp) {
        return (flags(cp) & BIDI) != 0;
    }

    /** Whether NFKC may combine the code point with the one before it, so both must be normalised together. */
    static boolean joinsPrevious(int cp) {
        return (flags(cp) & JOINS_PREVIOUS) != 0;
    }

    /**
     * {@code !isHidden(c) && joinsPrevious(c)} for a BMP char, in one read of its entry: whether a char
     * must be normalised together with the one before it.
     */
    static boolean joinsPreviousBmp(char c) {
        return (BMP_ENTRIES[c] & (HIDDEN | JOINS_PREVIOUS)) == JOINS_PREVIOUS;
    }

    private static int flags(int cp) {
        return cp < BMP_SIZE ? BMP_ENTRIES[cp] : computeFlags(cp);
    }

    /** The resolved table entry of a BMP char; decode it with the {@code entry*} methods. */
    static int bmpEntry(char c) {
        int entry = BMP_ENTRIES[c];
        return (entry & RESOLVED) != 0 ? entry : resolve(c, entry);
    }

    static boolean entryIsHidden(int entry) {
        return (entry & HIDDEN) != 0;
    }

    /** Whether the char maps to exactly one char, available from {@link #entrySingleChar(int)}. */
    static boolean entryIsSingle(int entry) {
        return (entry & SINGLE) != 0;
    }

    /** Whether the char maps to nothing (a separator, punctuation) and is not hidden. */
    static boolean entryIsDroppedVisible(int entry) {
        return (entry & (DROPPED | HIDDEN)) == DROPPED;
    }

    static char entrySingleChar(int entry) {
        return (char) (entry >>> SINGLE_CHAR_SHIFT);
    }

    static boolean entrySingleIsDigit(int entry) {
        return (entry & SINGLE_IS_DIGIT) != 0;
    }

    private static int resolve(char c, int flags) {
        String mapped = mapSegment(String.valueOf(c));
        int entry = flags | RESOLVED;
        if (mapped.length() == 1) {
            char single = mapped.charAt(0);
            entry |= SINGLE | single << SINGLE_CHAR_SHIFT | (Character.isDigit(single) ? SINGLE_IS_DIGIT : 0);
        } else {
            BMP_MAPPED[c] = mapped;
            if (mapped.isEmpty()) {
                entry |= DROPPED;
            }
        }
        BMP_ENTRIES[c] = entry;
        return entry;
    }

    /** The matching form of a single code point that forms a normalisation segment on its own; may be empty. */
    static String mapCodePoint(int cp) {
        if (cp < BMP_SIZE) {
            int entry = bmpEntry((char) cp);
            if (entryIsSingle(entry)) {
                return String.valueOf(entrySingleChar(entry));
            }
            String mapped = BMP_MAPPED[cp];
            return mapped != null ? mapped : mapSegment(UTF16.valueOf(cp));
        }
        String mapped = SUPPLEMENTARY_MAPPED.get(cp);
        if (mapped == null) {
            mapped = mapSegment(UTF16.valueOf(cp));
            // Bounded so hostile input cycling through the supplementary planes cannot grow memory without limit.
            if (SUPPLEMENTARY_MAPPED.size() < SUPPLEMENTARY_CACHE_LIMIT) {
                SUPPLEMENTARY_MAPPED.put(cp, mapped);
            }
        }
        return mapped;
    }

    /**
     * "U+200B ZERO WIDTH SPACE"; cached because ICU name lookup is slow. Only hidden code points are described,
     * and there are a few thousand of those at most, so the cache stays small.
     */
    static String describeHidden(int cp) {
        return HIDDEN_DESCRIPTIONS.computeIfAbsent(
                cp,
                key -> "U+" + Integer.toHexString(key).toUpperCase(Locale.ROOT) + " "
                        + UCharacter.getExtendedName(key));
    }

    /** The matching form of a normalisation segment (a starter plus the code points NFKC may combine with it). */
    static String mapSegment(String segment) {
        String folded = NFKC_CASEFOLD.normalize(segment);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            String simplified = toSimplified(cp);
            for (int j = 0; j < simplified.length(); ) {
                int sc = simplified.codePointAt(j);
                j += Character.charCount(sc);
                int lookAlikeFolded = foldConfusable(sc);
                if (isKept(lookAlikeFolded)) {
                    out.appendCodePoint(lookAlikeFolded);
                }
            }
        }
        return out.length() == 0 ? "" : out.toString();
    }

    /** The ASCII letter or digit a Latin/Cyrillic/Greek look-alike folds to, or the code point unchanged. */
    private static int foldConfusable(int cp) {
        if (cp < 0x80) {
            return cp;
        }
        Character ascii = CONFUSABLE_FOLD.get(cp);
        return ascii == null ? cp : ascii;
    }

    private static String toSimplified(int cp) {
        String single = UTF16.valueOf(cp);
        if (!TRADITIONAL_SOURCE.contains(cp)) {
            return single;
        }
        // ICU does not promise that transliterators are thread-safe; this only runs on a cache miss.
        synchronized (TRADITIONAL_TO_SIMPLIFIED) {
            return TRADITIONAL_TO_SIMPLIFIED.transliterate(single);
        }
    }

    /**
     * Letters and numbers carry meaning; separators, punctuation, symbols, marks and controls between them are
     * what evaders insert, so they are dropped. '%' survives for rate parsing, and '.' survives here so that
     * {@link TextNormalizer} can keep it when it sits between two digits.
     */
    private static boolean isKept(int cp) {
        if (cp == '%' || cp == '.') {
            return true;
        }
        int type = UCharacter.getType(cp);
        return switch (type) {
            case UCharacter.UPPERCASE_LETTER,
                    UCharacter.LOWERCASE_LETTER,
                    UCharacter.TITLECASE_LETTER,
                    UCharacter.MODIFIER_LETTER,
                    UCharacter.OTHER_LETTER,
                    UCharacter.DECIMAL_DIGIT_NUMBER,
                    UCharacter.LETTER_NUMBER,
                    UCharacter.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static int[] buildBmpEntries() {
        int[] entries = new int[BMP_SIZE];
        for (int cp = 0; cp < BMP_SIZE; cp++) {
            entries[cp] = computeFlags(cp);
        }
        return entries;
    }

    private static int computeFlags(int cp) {
        int flags = 0;
        boolean tag = cp >= 0xE0000 && cp <= 0xE007F;
        if (tag || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
            flags |= HIDDEN;
        }
        if (UCharacter.hasBinaryProperty(cp, UProperty.BIDI_CONTROL)) {
            flags |= BIDI | HIDDEN;
        }
        if (!NFKC_CASEFOLD.hasBoundaryBefore(cp)) {
            flags |= JOINS_PREVIOUS;
        }
        return flags;
    }

    /**
     * Derives the look-alike fold from the UTS #39 confusable skeletons shipped with ICU: every non-ASCII
     * Latin, Cyrillic or Greek letter that survives NFKC casefolding and whose skeleton is exactly one ASCII
     * letter or digit folds to that (lower-cased) character. Letters with multi-char skeletons, accented
     * letters and all CJK are left alone, so only true single-glyph disguises are folded.
     */
    private static Map<Integer, Character> buildConfusableFold() {
        SpoofChecker checker = new SpoofChecker.Builder().build();
        UnicodeSet candidates = new UnicodeSet("[[[:sc=Latin:][:sc=Cyrillic:][:sc=Greek:]]&[:L:]]")
                .removeAll(new UnicodeSet(0, 0x7F))
                .freeze();
        Map<Integer, Character> fold = new HashMap<>();
        for (UnicodeSetIterator it = new UnicodeSetIterator(candidates); it.next(); ) {
            int cp = it.codepoint;
            String single = UTF16.valueOf(cp);
            if (!NFKC_CASEFOLD.normalize(single).equals(single)) {
                continue; // never reaches the fold: casefolding already rewrote it
            }
            String skeleton = checker.getSkeleton(single);
            if (skeleton.length() == 1 && isAsciiLetterOrDigit(skeleton.charAt(0))) {
                fold.put(cp, Character.toLowerCase(skeleton.charAt(0)));
            }
        }
        return Map.copyOf(fold);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
