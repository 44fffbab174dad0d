package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.check.IcpNumber.Kind;
import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IcpNumberTest {

    @Test
    void everyProvinceFormIsReadAsLicenceAndFiling() {
        assertThat(IcpNumber.PROVINCES.codePointCount(0, IcpNumber.PROVINCES.length()))
                .isEqualTo(31);
        IcpNumber.PROVINCES.codePoints().mapToObj(Character::toString).forEach(p -> {
            assertThat(IcpNumber.parse(p + "ICP证070359号")).isEqualTo(new IcpNumber(Kind.LICENCE, p, "070359"));
            assertThat(IcpNumber.parse(p + "ICP备12345678号")).isEqualTo(new IcpNumber(Kind.FILING, p, "12345678"));
            assertThat(IcpNumber.parse(p + "ICP备12345678号-1").kind()).isEqualTo(Kind.FILING);
            assertThat(IcpNumber.parse(p + "ICP备12345678号-12").kind()).isEqualTo(Kind.FILING);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "京ICP证07035号", // 5 digits
                "京ICP证0703590号", // 7 digits
                "京ICP备1234567号", // 7 digits
                "京ICP备123456789号", // 9 digits
                "京ICP证070359", // no 号
                "ICP证070359号", // no province
                "港ICP证070359号", // not one of the 31
                "台ICP备12345678号",
                "京icp证070359号", // lower case
                "京ICP证070359号-1", // licences have no site suffix
                "京ICP备12345678号-", // dangling suffix
                "京ICP备12345678号-a",
                "京公网安备11010802020000号", // a public-security filing is not an ICP number
                "京ICP证070359号 京ICP备12345678号",
                "garbage"
            })
    void malformedNumbersAreInvalid(String number) {
        assertThat(IcpNumber.parse(number).kind()).isEqualTo(Kind.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t"})
    void blankIsMissing(String number) {
        assertThat(IcpNumber.parse(number).kind()).isEqualTo(Kind.MISSING);
        assertThat(IcpNumber.parse(null).kind()).isEqualTo(Kind.MISSING);
    }

    @Test
    void fullWidthDigitsAndSurroundingSpaceAreTolerated() {
        assertThat(IcpNumber.parse(" 京ＩＣＰ证０７０３５９号 ")).isEqualTo(new IcpNumber(Kind.LICENCE, "京", "070359"));
        // Nothing printable ASCII in it: every char must still go through NFKC.
        assertThat(IcpNumber.parse("京ＩＣＰ证０７０３５９号")).isEqualTo(new IcpNumber(Kind.LICENCE, "京", "070359"));
        assertThat(IcpNumber.parse("\u3000京ＩＣＰ备１２３４５６７８号－２\u3000"))
                .isEqualTo(new IcpNumber(Kind.FILING, "京", "12345678"));
    }

    private static final Pattern LICENCE = Pattern.compile("([" + IcpNumber.PROVINCES + "])ICP证(\\d{6})号");
    private static final Pattern FILING = Pattern.compile("([" + IcpNumber.PROVINCES + "])ICP备(\\d{8})号(?:-\\d+)?");

    /** The forms as regular expressions say them; the parser reads them by hand. */
    private static IcpNumber byExpressions(String number) {
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

    /** Seeded random near-misses of both forms: wrong lengths, letters, full-width and Arabic-Indic digits, suffixes. */
    @Test
    void theParserReadsExactlyWhatTheFormsRegularExpressionsMatch() {
        String[] pieces = {
            "京",
            "粤",
            "中",
            "ICP",
            "ｉｃｐ",
            "ICＰ",
            "证",
            "备",
            "号",
            "-",
            "0",
            "7",
            "９",
            "\u0663",
            "12345678",
            "070359",
            "1",
            " ",
            "　",
            "x",
            "号-",
            "-1",
            "-12"
        };
        Random random = new Random(12_06);
        int wellFormed = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder number = new StringBuilder();
            if (random.nextInt(3) > 0) { // most start as a number does
                number.append(IcpNumber.PROVINCES.charAt(random.nextInt(IcpNumber.PROVINCES.length())))
                        .append("ICP")
                        .append(random.nextBoolean() ? "证" : "备");
            }
            if (random.nextBoolean()) {
                number.append(random.nextBoolean() ? "070359号" : "12345678号");
            }
            int more = random.nextInt(4);
            for (int i = 0; i < more; i++) {
                number.append(pieces[random.nextInt(pieces.length)]);
            }
            String n = number.toString();
            IcpNumber expected = byExpressions(n);
            assertThat(IcpNumber.parse(n)).as(n).isEqualTo(expected);
            if (expected.kind() == Kind.LICENCE || expected.kind() == Kind.FILING) {
                wellFormed++;
            }
        }
        assertThat(wellFormed).as("well-formed numbers among the random ones").isGreaterThan(100);
    }
}
