package com.adreview.check;

/**
 * Compares registered entity names as they are typed in practice: full-width and half-width forms
 * (including brackets such as （ and ( ) and any white space must not make two spellings of the same
 * company differ.
 */
public final class EntityNames {

    private EntityNames() {}

    /** NFKC (width folding), no white space of any kind, Latin letters in lower case. */
    public static String normalize(String name) {
        return Fold.compact(name);
    }

    /** Whether two names are the same entity name after {@link #normalize(String)}; blank never matches. */
    public static boolean same(String a, String b) {
        String left = normalize(a);
        return !left.isEmpty() && left.equals(normalize(b));
    }
}
