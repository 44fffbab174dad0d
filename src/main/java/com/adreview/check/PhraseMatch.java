package com.adreview.check;

import java.util.Objects;

/**
 * One dictionary phrase found in ad copy, with evidence pointing back at the raw text.
 *
 * @param listId           the list the phrase belongs to
 * @param family           the phrase family label of that list entry
 * @param phrase           the phrase as written in the dictionary
 * @param normalizedPhrase the phrase in matching form
 * @param normStart        inclusive start in the normalised text
 * @param normEnd          exclusive end in the normalised text
 * @param rawStart         inclusive UTF-16 start in the raw text
 * @param rawEnd           exclusive UTF-16 end in the raw text
 * @param raw              the whole raw text the phrase was found in (shared, not copied: the quoted span is
 *                         cut from it only when asked for, as most matches are never quoted)
 */
public record PhraseMatch(
        String listId,
        String family,
        String phrase,
        String normalizedPhrase,
        int normStart,
        int normEnd,
        int rawStart,
        int rawEnd,
        String raw) {

    public PhraseMatch {
        Objects.requireNonNull(listId, "listId");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(phrase, "phrase");
        Objects.requireNonNull(normalizedPhrase, "normalizedPhrase");
        Objects.requireNonNull(raw, "raw");
        if (normStart < 0 || normEnd <= normStart || rawStart < 0 || rawEnd <= rawStart || rawEnd > raw.length()) {
            throw new IllegalArgumentException(
                    "invalid spans norm [" + normStart + ", " + normEnd + ") raw [" + rawStart + ", " + rawEnd + ")");
        }
    }

    /** {@code raw.substring(rawStart, rawEnd)}, including any disguise characters inside. */
    public String rawText() {
        return raw.substring(rawStart, rawEnd);
    }
}
