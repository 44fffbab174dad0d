package com.adreview.check;

import java.util.Objects;

/**
 * One piece of evidence that ad copy was disguised to slip past review, located in the RAW text.
 *
 * @param kind        what kind of disguise was found
 * @param rawStart    inclusive UTF-16 offset into the raw text
 * @param rawEnd      exclusive UTF-16 offset into the raw text
 * @param description human-readable detail for the reviewer, e.g. {@code "U+200B ZERO WIDTH SPACE"}
 */
public record ObfuscationSign(Kind kind, int rawStart, int rawEnd, String description) {

    /** The disguise techniques the detector recognises. */
    public enum Kind {
        /** A zero-width, soft-hyphen, tag or other default-ignorable character that renders as nothing. */
        INVISIBLE_CHARACTER,
        /** A bidirectional formatting control that can reorder what the reader sees. */
        BIDI_CONTROL,
        /** One word mixing Latin with Cyrillic or Greek letters, the classic homoglyph trick. */
        MIXED_SCRIPT
    }

    public ObfuscationSign {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (rawStart < 0 || rawEnd < rawStart) {
            throw new IllegalArgumentException("invalid raw span [" + rawStart + ", " + rawEnd + ")");
        }
    }
}
