package com.adreview.check;

/**
 * The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015.
 *
 * <p>18 characters: registration authority (1), entity type (1), administrative division (6),
 * organisation code (9) and a check character (1). The alphabet leaves out I, O, S, V and Z so
 * that no character can be misread as another.
 */
public final class CreditCode {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int LENGTH = 18;

    private CreditCode() {}

    /** 18 characters, every one from the code's alphabet (upper case only, as issued). */
    public static boolean isWellFormed(String code) {
        if (code == null || code.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Well-formed and its last character is the GB 32100-2015 check character of the first 17. */
    public static boolean hasValidCheckCharacter(String code) {
        return isWellFormed(code) && code.charAt(LENGTH - 1) == checkCharacter(code.substring(0, LENGTH - 1));
    }

    /**
     * Registered by market regulation (authority 9) as an individual business (type 2): 个体工商户,
     * which may not advertise financial products.
     */
    public static boolean isIndividualBusiness(String code) {
        return code != null && code.startsWith("92");
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
        if (first17.length() != LENGTH - 1) {
            throw new IllegalArgumentException("expected 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < LENGTH - 1; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not in the credit-code alphabet");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }
}
