package com.adreview.check;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Turns raw ad copy into the form dictionary phrases are matched in, keeping an exact offset map to the raw
 * text.
 *
 * <p>Per code point (or per combining sequence, so NFKC composition still works) it applies, in order:
 * removal of invisible and bidi-control characters (recorded as evidence); NFKC with full case folding
 * (full-width to half-width, compatibility forms, lower case); Traditional to Simplified Chinese; folding of
 * Latin/Cyrillic/Greek look-alikes to ASCII; and removal of whitespace, punctuation, symbols and marks so
 * separators inserted between characters disappear. A '.' survives only between two digits and '%' always
 * survives, so rates such as "0.1%" stay parseable.
 *
 * <p>Instances are stateless and thread-safe; dictionary phrases must go through the same instance rules as
 * the text they are matched against.
 */
public final class TextNormalizer {

    private static final TextNormalizer STANDARD = new TextNormalizer();

    private static final int VARIATION_SELECTOR_15 = 0xFE0E;
    private static final int VARIATION_SELECTOR_16 = 0xFE0F;
    private static final int ZERO_WIDTH_JOINER = 0x200D;
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;
    private static final int FIRST_FLAG_TAG = 0xE0020;
    private static final int CANCEL_TAG = 0xE007F;

    /** The shared instance; the class holds no per-instance state. */
    public static TextNormalizer standard() {
        return STANDARD;
    }

    /** The matching form of {@code raw} with its offset map and the suspicious hidden characters removed from it. */
    public NormalizedText normalize(String raw) {
        Objects.requireNonNull(raw, "raw");
        Output out = new Output(raw);
        int length = raw.length();
        int i = 0;
        while (i < length) {
            // Runs of plain chars (one char each, no '.', nothing joining them) in a loop of their own.
            i = out.acceptPlainRun(raw, i);
            if (i == length) {
                break;
            }
            char c = raw.charAt(i);
            int entry = Character.isSurrogate(c) ? 0 : CharTables.bmpEntry(c);
            int next = i + 1;
            // The common case, a BMP char that maps to one char with nothing combining after it, stays
            // in this loop; everything else is a call. Kept this small, the JIT compiles the loop
            // tightly whatever texts it has seen (with the rare paths inlined it sometimes gave up
            // inlining the per-char step, ~2 ns a char).
            if (CharTables.entryIsSingle(entry) && (next == length || !joinsPreviousAt(raw, next))) {
                out.acceptChar(CharTables.entrySingleChar(entry), CharTables.entrySingleIsDigit(entry), i, next);
                i = next;
            } else {
                i = Character.isSurrogate(c)
                        ? normalizeSegmentAt(raw, i, out)
                        : normalizeBmpCharAt(raw, i, c, entry, out);
            }
        }
        return out.toNormalizedText();
    }

    /**
     * The suspicious invisible and bidi-control characters in {@code raw}, without building the normalised
     * text; same result as {@code normalize(raw).hiddenCharacters()}.
     */
    public List<ObfuscationSign> findHiddenCharacters(String raw) {
        Objects.requireNonNull(raw, "raw");
        List<ObfuscationSign> signs = new ArrayList<>();
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            if (CharTables.isHidden(cp)) {
                ObfuscationSign sign = hiddenSign(raw, i, cp);
                if (sign != null) {
                    signs.add(sign);
                }
            }
            i += Character.charCount(cp);
        }
        return List.copyOf(signs);
    }

    /** A BMP char with its table entry; falls back to the general path for combining sequences. */
    private static int normalizeBmpCharAt(String raw, int index, char c, int entry, Output out) {
        int next = index + 1;
        if (CharTables.entryIsHidden(entry)) {
            out.hidden(hiddenSign(raw, index, c));
            return next;
        }
        if (next < raw.length() && joinsPreviousAt(raw, next)) {
            return normalizeSegmentAt(raw, index, out);
        }
        if (CharTables.entryIsSingle(entry)) {
            out.acceptChar(CharTables.entrySingleChar(entry), CharTables.entrySingleIsDigit(entry), index, next);
        } else {
            out.accept(CharTables.mapCodePoint(c), index, next);
        }
        return next;
    }

    /** General path: one code point plus whatever NFKC may compose with it, normalised as one segment. */
    private static int normalizeSegmentAt(String raw, int index, Output out) {
        int cp = raw.codePointAt(index);
        int next = index + Character.charCount(cp);
        if (CharTables.isHidden(cp)) {
            // Hidden characters are transparent: they neither emit nor break the digit context of a '.'.
            out.hidden(hiddenSign(raw, index, cp));
            return next;
        }
        int segmentEnd = next;
        while (segmentEnd < raw.length() && joinsPreviousAt(raw, segmentEnd)) {
            segmentEnd += Character.charCount(raw.codePointAt(segmentEnd));
        }
        String mapped = segmentEnd == next
                ? CharTables.mapCodePoint(cp)
                : CharTables.mapSegment(raw.substring(index, segmentEnd));
        out.accept(mapped, index, segmentEnd);
        return segmentEnd;
    }

    /**
     * Whether the code point at {@code index} must be normalised together with the one before it (e.g. a
     * combining accent). A hidden character never joins: it is removed, and an evader's combining mark after it
     * is then normalised alone and dropped.
     */
    private static boolean joinsPreviousAt(String raw, int index) {
        int cp = raw.codePointAt(index);
        return !CharTables.isHidden(cp) && CharTables.joinsPrevious(cp);
    }

    /** Evidence for a hidden character, or null when it is ordinary emoji glue. */
    private static ObfuscationSign hiddenSign(String raw, int index, int cp) {
        int end = index + Character.charCount(cp);
        int previous = index > 0 ? raw.codePointBefore(index) : -1;
        int following = end < raw.length() ? raw.codePointAt(end) : -1;
        if (isEmojiGlue(cp, previous, following)) {
            return null;
        }
        ObfuscationSign.Kind kind = CharTables.isBidiControl(cp)
                ? ObfuscationSign.Kind.BIDI_CONTROL
                : ObfuscationSign.Kind.INVISIBLE_CHARACTER;
        return new ObfuscationSign(kind, index, end, CharTables.describeHidden(cp));
    }

    /**
     * Emoji are legitimately encoded with variation selectors, zero-width joiners and tag sequences (flags);
     * flagging those would bury real evidence under every "❤️" in an ad.
     */
    private static boolean isEmojiGlue(int cp, int previous, int following) {
        if (cp == VARIATION_SELECTOR_15 || cp == VARIATION_SELECTOR_16) {
            return previous >= 0 && UCharacter.hasBinaryProperty(previous, UProperty.EMOJI);
        }
        if (cp == ZERO_WIDTH_JOINER) {
            boolean afterEmoji = previous == VARIATION_SELECTOR_16
                    || (previous >= 0
                            && (isPictographic(previous)
                                    || UCharacter.hasBinaryProperty(previous, UProperty.EMOJI_MODIFIER)));
            return afterEmoji && following >= 0 && isPictographic(following);
        }
        if (cp >= FIRST_FLAG_TAG && cp <= CANCEL_TAG) {
            return previous == WAVING_BLACK_FLAG || (previous >= FIRST_FLAG_TAG && previous < CANCEL_TAG);
        }
        return false;
    }

    private static boolean isPictographic(int cp) {
        return UCharacter.hasBinaryProperty(cp, UProperty.EXTENDED_PICTOGRAPHIC);
    }

    /** Accumulates normalised chars with their raw spans and applies the digit context rule for '.'. */
    private static final class Output {
        private final String raw;
        private char[] chars;
        private int[] rawStarts;
        private int[] rawEnds;
        private int length;
        private List<ObfuscationSign> hidden = List.of();

        private boolean previousIsDigit;
        private int pendingDotStart = -1;
        private int pendingDotEnd;

        Output(String raw) {
            this.raw = raw;
            int capacity = raw.length() + 8;
            chars = new char[capacity];
            rawStarts = new int[capacity];
            rawEnds = new int[capacity];
        }

        void hidden(ObfuscationSign sign) {
            if (sign == null) {
                return;
            }
            if (hidden.isEmpty()) {
                hidden = new ArrayList<>();
            }
            hidden.add(sign);
        }

        void accept(String mapped, int rawStart, int rawEnd) {
            if (mapped.isEmpty()) {
                // A dropped separator means a '.' is no longer directly between two digits.
                previousIsDigit = false;
                pendingDotStart = -1;
                return;
            }
            for (int k = 0; k < mapped.length(); k++) {
                char c = mapped.charAt(k);
                acceptChar(c, Character.isDigit(c), rawStart, rawEnd);
            }
        }

        /**
         * Accepts chars from {@code from} on while each is a BMP char mapping to one char other than
         * '.' or (not hidden) to nothing, with nothing after it that NFKC joins to it, and no '.' is
         * pending: for those {@link #acceptChar} only appends and {@link #accept} of nothing only
         * clears the digit context, so this loop does just that with its state in locals. Returns
         * where it stopped; the char there, if any, goes through the general path.
         */
        int acceptPlainRun(String raw, int from) {
            if (pendingDotStart >= 0) {
                return from;
            }
            char[] chars = this.chars;
            int[] starts = rawStarts;
            int[] ends = rawEnds;
            int at = length;
            boolean digit = previousIsDigit;
            int end = raw.length();
            int i = from;
            while (i < end && at < chars.length) {
                char c = raw.charAt(i);
                if (Character.isSurrogate(c)) {
                    break;
                }
                int entry = CharTables.bmpEntry(c);
                boolean single = CharTables.entryIsSingle(entry);
                if (single ? CharTables.entrySingleChar(entry) == '.' : !CharTables.entryIsDroppedVisible(entry)) {
                    break;
                }
                int next = i + 1;
                if (next < end) {
                    char following = raw.charAt(next);
                    if (Character.isSurrogate(following)
                            ? joinsPreviousAt(raw, next)
                            : CharTables.joinsPreviousBmp(following)) {
                        break;
                    }
                }
                if (!single) {
                    // Mapped to nothing (accept("")): a dropped separator ends the digits before it.
                    digit = false;
                    i = next;
                    continue;
                }
                chars[at] = CharTables.entrySingleChar(entry);
                starts[at] = i;
                ends[at] = next;
                at++;
                digit = CharTables.entrySingleIsDigit(entry);
                i = next;
            }
            length = at;
            previousIsDigit = digit;
            return i;
        }

        /** A '.' is held back until the next char shows whether it sits between two digits. */
        void acceptChar(char c, boolean digit, int rawStart, int rawEnd) {
            if (c == '.') {
                boolean decimalPoint = previousIsDigit;
                pendingDotStart = decimalPoint ? rawStart : -1;
                pendingDotEnd = rawEnd;
                previousIsDigit = false;
                return;
            }
            if (pendingDotStart >= 0 && digit) {
                append('.', pendingDotStart, pendingDotEnd);
            }
            pendingDotStart = -1;
            append(c, rawStart, rawEnd);
            previousIsDigit = digit;
        }

        private void append(char c, int rawStart, int rawEnd) {
            if (length == chars.length) {
                int capacity = chars.length * 2;
                chars = Arrays.copyOf(chars, capacity);
                rawStarts = Arrays.copyOf(rawStarts, capacity);
                rawEnds = Arrays.copyOf(rawEnds, capacity);
            }
            chars[length] = c;
            rawStarts[length] = rawStart;
            rawEnds[length] = rawEnd;
            length++;
        }

        NormalizedText toNormalizedText() {
            return new NormalizedText(raw, new String(chars, 0, length), rawStarts, rawEnds, hidden);
        }
    }
}
