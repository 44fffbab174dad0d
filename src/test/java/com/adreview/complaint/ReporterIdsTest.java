package com.adreview.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReporterIdsTest {

    @Test
    void theDisguisesOfOneReporterAreOneReporter() {
        List<String> disguises = List.of(
                "r-same",
                "R-SAME",
                " r-same",
                "r-same ",
                "r-same\u200b",
                "r\u200c-same",
                "\u202er-same",
                "ｒ－ｓａｍｅ",
                "r-\u00a0same",
                "r-same\ufe0f",
                "r-same\t\n");
        for (String d : disguises) {
            assertThat(ReporterIds.normalise(d))
                    .as("%s", d.codePoints().boxed().toList())
                    .isEqualTo("r-same");
        }
    }

    @Test
    void differentReportersStayDifferent() {
        assertThat(ReporterIds.normalise("r-same")).isNotEqualTo(ReporterIds.normalise("r-same2"));
        assertThat(ReporterIds.normalise("用户甲")).isEqualTo("用户甲").isNotEqualTo(ReporterIds.normalise("用户乙"));
    }

    @Test
    void nothingVisibleIsEmpty() {
        assertThat(ReporterIds.normalise(" \u200b\u2060\t")).isEmpty();
        assertThat(ReporterIds.normalise(null)).isEmpty();
    }

    @Test
    void normalisingTwiceChangesNothing() {
        Random random = new Random(20261204);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                s.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x3000));
            }
            String once = ReporterIds.normalise(s.toString());
            assertThat(ReporterIds.normalise(once)).as("%s", s).isEqualTo(once);
        }
    }
}
