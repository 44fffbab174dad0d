package com.adreview.check;

import java.text.Normalizer;

/**
 * An ICP number as shown on a Chinese website: a commercial licence ({@code 京ICP证070359号}) or a
 * non-commercial filing ({@code 京ICP备12345678号-1}).
 *
 * @param kind what the number is
 * @param province the one-character province abbreviation, empty unless well-formed
 * @param serial the digits of the licence or filing, empty unless well-formed
 */
public record IcpNumber(Kind kind, String province, String serial) {

    /** What an ICP number turns out to be. */
    public enum Kind {
        /** 经营性 ICP 许可证: required for commercial (and so financial) services. */
        LICENCE,
        /** ICP 备案: a filing for a non-commercial site. */
        FILING,
        /** Present but not a well-formed licence or filing number. */
        INVALID,
        /** Blank. */
        MISSING
    }

    /** The 31 provincial-level abbreviations used in ICP numbers. */
    public static final String PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

    /**
     * Parses a number. Full-width digits and letters are read as their ASCII forms and surrounding
     * white space is ignored, because advertisers copy these numbers from web pages. Well-formed means
     * {@code ([province])ICP证(\d{6})号} for a licence and {@code ([province])ICP备(\d{8})号(-\d+)?} for a
     * filing, with ASCII digits; read by hand, because the two regular expressions cost more than the rest
     * of a parse ({@code IcpNumberTest} holds the reading to those expressions).
     */
    public static IcpNumber parse(String number) {
        if (number == null || number.isBlank()) {
            return new IcpNumber(Kind.MISSING, "", "");
        }
        String text = (nfkcStable(number) ? number : Normalizer.normalize(number, Normalizer.Form.NFKC)).strip();
        int length = text.length();
        if (length >= 12 && PROVINCES.indexOf(text.charAt(0)) >= 0 && text.startsWith("ICP", 1)) {
            char kind = text.charAt(4);
            if (kind == '证' && length == 12 && digits(text, 5, 11) && text.charAt(11) == '号') {
                return new IcpNumber(Kind.LICENCE, text.substring(0, 1), text.substring(5, 11));
            }
            if (kind == '备'
                    && length >= 14
                    && digits(text, 5, 13)
                    && text.charAt(13) == '号'
                    && (length == 14 || (length > 15 && text.charAt(14) == '-' && digits(text, 15, length)))) {
                return new IcpNumber(Kind.FILING, text.substring(0, 1), text.substring(5, 13));
            }
        }
        return new IcpNumber(Kind.INVALID, "", "");
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether NFKC leaves the text as it is because every character is printable ASCII or a CJK unified
     * ideograph (U+4E00–U+9FFF): none of them decomposes, and no two of them compose. Most numbers are
     * written so, and normalising them was most of a parse.
     */
    private static boolean nfkcStable(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 0x20 && c <= 0x7E) || (c >= 0x4E00 && c <= 0x9FFF))) {
                return false;
            }
        }
        return true;
    }
}
