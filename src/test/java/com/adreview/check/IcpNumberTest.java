package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.check.IcpNumber.Kind;
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
    }
}
