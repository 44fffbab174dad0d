package com.adreview.check;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Finds the disguises themselves, independently of whether any dictionary phrase matched: invisible
 * characters, bidi controls, and words that mix Latin with Cyrillic or Greek look-alikes.
 *
 * <p>A "word" for the mixed-script check is a maximal run of letters (with their combining marks) outside the
 * CJK scripts. CJK characters end a word, because Chinese ads routinely glue Latin onto Han ("加V", "App下载")
 * and that is not a disguise. Hidden characters are skipped inside a word so "W\u200Bеchat" is still one word.
 */
public final class ObfuscationDetector {

    private static final int LATIN = 1;
    private static final int CYRILLIC = 2;
    private static final int GREEK = 4;

    private static final Comparator<ObfuscationSign> TEXT_ORDER =
            Comparator.comparingInt(ObfuscationSign::rawStart).thenComparingInt(ObfuscationSign::rawEnd);

    private final TextNormalizer normalizer;

    public ObfuscationDetector() {
        this(TextNormalizer.standard());
    }

    public ObfuscationDetector(TextNormalizer normalizer) {
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
    }

    /** Every disguise found in {@code raw}, one sign per hidden character or mixed-script word, in text order. */
    public List<ObfuscationSign> detectObfuscation(String raw) {
        Objects.requireNonNull(raw, "raw");
        return combine(normalizer.findHiddenCharacters(raw), raw);
    }

    /** As {@link #detectObfuscation(String)}, reusing the hidden characters recorded during normalisation. */
    public List<ObfuscationSign> detectObfuscation(NormalizedText normalized) {
        Objects.requireNonNull(normalized, "normalized");
        return combine(normalized.hiddenCharacters(), normalized.raw());
    }

    private static List<ObfuscationSign> combine(List<ObfuscationSign> hidden, String raw) {
        List<ObfuscationSign> signs = new ArrayList<>(hidden);
        signs.addAll(mixedScriptWords(raw));
        signs.sort(TEXT_ORDER);
        return List.copyOf(signs);
    }

    private static List<ObfuscationSign> mixedScriptWords(String raw) {
        if (!hasCyrillicOrGreek(raw)) {
            return List.of(); // every mix of the three alphabets needs a Cyrillic or Greek letter
        }
        List<ObfuscationSign> signs = new ArrayList<>();
        int wordStart = -1;
        int wordEnd = -1;
        int scripts = 0;
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (CharTables.isHidden(cp)) {
                i = next;
                continue;
            }
            if (isWordLetter(cp)) {
                if (wordStart < 0) {
                    wordStart = i;
                }
                wordEnd = next;
                scripts |= alphabetBit(cp);
            } else if (wordStart >= 0 && isMark(cp)) {
                wordEnd = next;
            } else {
                addIfMixed(signs, raw, wordStart, wordEnd, scripts);
                wordStart = -1;
                scripts = 0;
            }
            i = next;
        }
        addIfMixed(signs, raw, wordStart, wordEnd, scripts);
        return signs;
    }

    /**
     * A cheap pass that skips ASCII, Latin-1, CJK and full-width forms without a script lookup. It reads code
     * points, not chars: Cyrillic has letters outside the BMP too (Cyrillic Extended-D, U+1E030-U+1E08F).
     */
    private static boolean hasCyrillicOrGreek(String raw) {
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            i += Character.charCount(c);
            if (c < 0x370
                    || (c >= 0x2E80 && c <= 0x9FFF)
                    || (c >= 0xAC00 && c <= 0xD7AF)
                    || (c >= 0xF900 && c <= 0xFFFF)) {
                continue;
            }
            int script = UScript.getScript(c);
            if (script == UScript.CYRILLIC || script == UScript.GREEK) {
                return true;
            }
        }
        return false;
    }

    private static void addIfMixed(List<ObfuscationSign> signs, String raw, int start, int end, int scripts) {
        if (start >= 0 && Integer.bitCount(scripts) >= 2) {
            String description = describeScripts(scripts) + " in \"" + raw.substring(start, end) + "\"";
            signs.add(new ObfuscationSign(ObfuscationSign.Kind.MIXED_SCRIPT, start, end, description));
        }
    }

    private static boolean isWordLetter(int cp) {
        if (!UCharacter.isLetter(cp)) {
            return false;
        }
        return switch (UScript.getScript(cp)) {
            case UScript.HAN, UScript.HIRAGANA, UScript.KATAKANA, UScript.HANGUL, UScript.BOPOMOFO -> false;
            default -> true;
        };
    }

    private static boolean isMark(int cp) {
        int type = UCharacter.getType(cp);
        return type == UCharacter.NON_SPACING_MARK
                || type == UCharacter.COMBINING_SPACING_MARK
                || type == UCharacter.ENCLOSING_MARK;
    }

    private static int alphabetBit(int cp) {
        return switch (UScript.getScript(cp)) {
            case UScript.LATIN -> LATIN;
            case UScript.CYRILLIC -> CYRILLIC;
            case UScript.GREEK -> GREEK;
            default -> 0;
        };
    }

    private static String describeScripts(int scripts) {
        List<String> names = new ArrayList<>(3);
        if ((scripts & LATIN) != 0) {
            names.add("Latin");
        }
        if ((scripts & CYRILLIC) != 0) {
            names.add("Cyrillic");
        }
        if ((scripts & GREEK) != 0) {
            names.add("Greek");
        }
        return String.join("+", names);
    }
}
