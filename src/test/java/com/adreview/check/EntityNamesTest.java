package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityNamesTest {

    @Test
    void widthAndWhiteSpaceDoNotMatter() {
        assertThat(EntityNames.same("北京恒远（网络）科技有限公司", "北京恒远(网络)科技有限公司")).isTrue();
        assertThat(EntityNames.same("北京恒远网络科技有限公司", " 北京恒远 网络科技有限公司\u3000")).isTrue();
        assertThat(EntityNames.same("Hengyuan Technology Co., Ltd.", "ＨＥＮＧＹＵＡＮ TECHNOLOGY CO., LTD."))
                .isTrue();
    }

    @Test
    void differentNamesOrBlankNeverMatch() {
        assertThat(EntityNames.same("北京恒远网络科技有限公司", "北京恒远信息技术有限公司")).isFalse();
        assertThat(EntityNames.same("", "")).isFalse();
        assertThat(EntityNames.same(null, null)).isFalse();
    }

    @Test
    void riskPhrasesAreFoundIgnoringWidthCaseAndSpaces() {
        assertThat(Phrases.containsAny("市场有 风 险，投资需谨慎", List.of("风险"))).isTrue();
        assertThat(Phrases.containsAny("Invest CAREFULLY", List.of("carefully")))
                .isTrue();
        assertThat(Phrases.containsAny("", List.of("风险"))).isFalse();
        assertThat(Phrases.containsAny("收益稳定", List.of("风险", ""))).isFalse();
    }
}
