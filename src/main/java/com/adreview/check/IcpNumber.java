package com.adreview.check;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern LICENCE = Pattern.compile("([" + PROVINCES + "])ICP证(\\d{6})号");
    private static final Pattern FILING = Pattern.compile("([" + PROVINCES + "])ICP备(\\d{8})号(?:-\\d+)?");

    /**
     * Parses a number. Full-width digits and letters are read as their ASCII forms and surrounding
     * white space is ignored, because advertisers copy these numbers from web pages.
     */
    public static IcpNumber parse(String number) {
        if (number == null || number.isBlank()) {
            return new IcpNumber(Kind.MISSING, "", "");
        }
        String text = Normalizer.normalize(number, Normalizer.Form.NFKC).strip();
        Matcher licence = LICENCE.matcher(text);
        if (licence.matches()) {
            return new IcpNumber(Kind.LICENCE, licence.group(1), licence.group(2));
        }
        Matcher filing = FILING.matcher(text);
        if (filing.matches()) {
            return new IcpNumber(Kind.FILING, filing.group(1), filing.group(2));
        }
        return new IcpNumber(Kind.INVALID, "", "");
    }
}
