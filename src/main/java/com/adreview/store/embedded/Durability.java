package com.adreview.store.embedded;

import java.util.Locale;

/**
 * When the embedded store acknowledges a write ({@code adreview.store.embedded.durability}): what a
 * client that was answered may count on.
 */
public enum Durability {
    /**
     * After the MVStore commit that holds the write has written it to the file: it survives the process
     * being killed (the operating system keeps what was written), not the machine losing power in the
     * second that follows. The default.
     */
    COMMIT,
    /** After that commit has also been forced to the disk: it survives a power loss too. */
    FSYNC,
    /**
     * At once; the file is written at most 200 ms later (the behaviour before group commit): a hard kill
     * loses what was acknowledged in those 200 ms. Kept to compare with, not to run on.
     */
    DELAYED;

    /** The property's value: {@code commit}, {@code fsync} or {@code delayed}, in any case. */
    public static Durability parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "adreview.store.embedded.durability must be commit, fsync or delayed, not '" + value + "'");
        }
    }

    /** Whether replies wait for a commit. */
    boolean holdsReplies() {
        return this != DELAYED;
    }
}
