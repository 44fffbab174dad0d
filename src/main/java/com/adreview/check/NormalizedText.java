package com.adreview.check;

import java.util.List;
import java.util.Objects;

/**
 * The matching form of a raw text plus, for every normalised char, the raw span it came from.
 *
 * <p>A normalised span {@code [s, e)} maps back to the raw span {@code [rawStart(s), rawEnd(e))}. Because
 * normalisation works on whole code points (or whole combining sequences), the raw span never splits a
 * surrogate pair and always includes any disguise characters sitting between the first and last mapped char.
 */
public final class NormalizedText {

    private final String raw;
    private final String text;
    private final int[] rawStarts;
    private final int[] rawEnds;
    private final List<ObfuscationSign> hiddenCharacters;

    /** Arrays may be longer than {@code text}; only the first {@code text.length()} slots are meaningful. */
    NormalizedText(String raw, String text, int[] rawStarts, int[] rawEnds, List<ObfuscationSign> hiddenCharacters) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.text = Objects.requireNonNull(text, "text");
        this.rawStarts = rawStarts;
        this.rawEnds = rawEnds;
        this.hiddenCharacters = List.copyOf(hiddenCharacters);
    }

    /** The text exactly as supplied. */
    public String raw() {
        return raw;
    }

    /** The normalised text that phrases are matched against. */
    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    /** Raw offset (inclusive) where the source of normalised char {@code normIndex} begins. */
    public int rawStart(int normIndex) {
        Objects.checkIndex(normIndex, text.length());
        return rawStarts[normIndex];
    }

    /** Raw offset (exclusive) where the source of the normalised chars before {@code normIndexExclusive} ends. */
    public int rawEnd(int normIndexExclusive) {
        if (normIndexExclusive <= 0 || normIndexExclusive > text.length()) {
            throw new IndexOutOfBoundsException(
                    "normIndexExclusive " + normIndexExclusive + " outside [1, " + text.length() + "]");
        }
        return rawEnds[normIndexExclusive - 1];
    }

    /** The raw text behind normalised span {@code [normStart, normEnd)}, disguise characters included. */
    public String rawText(int normStart, int normEnd) {
        Objects.checkFromToIndex(normStart, normEnd, text.length());
        return normStart == normEnd ? "" : raw.substring(rawStart(normStart), rawEnd(normEnd));
    }

    /** Whether suspicious invisible or bidi-control characters were removed from the raw text. */
    public boolean hadInvisibleOrBidi() {
        return !hiddenCharacters.isEmpty();
    }

    /**
     * The suspicious invisible and bidi-control characters that were removed, with their raw offsets, in text
     * order. Emoji glue (variation selector 16 after an emoji, ZWJ between pictographs, flag tag sequences) is
     * removed too but not listed, because it is how ordinary emoji are encoded.
     */
    public List<ObfuscationSign> hiddenCharacters() {
        return hiddenCharacters;
    }

    @Override
    public String toString() {
        return "NormalizedText[" + text + "]";
    }
}
