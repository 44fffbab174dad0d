package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CharTablesTest {

    /**
     * The cached fast path must agree with the uncached general path for every BMP char, also when several
     * threads fill the caches at once.
     */
    @Test
    void cachedBmpMappingAgreesWithUncachedMappingUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(CharTablesTest::mismatches));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lookAlikeFoldNeverTouchesCjkOrAscii() {
        for (int c = 0x20; c < 0x7F; c++) {
            String ascii = String.valueOf((char) c);
            if (Character.isLetterOrDigit(c)) {
                assertThat(CharTables.mapSegment(ascii)).isEqualTo(ascii.toLowerCase(Locale.ROOT));
            }
        }
        // A CJK ideograph maps to itself or to its simplified form, exactly as ICU's transliterator gives it:
        // one ideograph for one, never folded into Latin or dropped.
        com.ibm.icu.text.Transliterator simplified =
                com.ibm.icu.text.Transliterator.getInstance("Traditional-Simplified");
        int changed = 0;
        for (int c = 0x4E00; c <= 0x9FFF; c++) {
            String ideograph = String.valueOf((char) c);
            String mapped = CharTables.mapSegment(ideograph);
            assertThat(mapped).as("U+%X", c).isEqualTo(simplified.transliterate(ideograph));
            assertThat(mapped.codePointCount(0, mapped.length())).as("U+%X", c).isEqualTo(1);
            if (!mapped.equals(ideograph)) {
                changed++;
            }
        }
        assertThat(changed).as("traditional ideographs simplified").isGreaterThan(2_000);
    }

    private static List<String> mismatches() {
        TextNormalizer normalizer = TextNormalizer.standard();
        List<String> mismatches = new ArrayList<>();
        for (int c = 0; c < 0x10000; c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String single = String.valueOf((char) c);
            String expected = CharTables.isHidden(c) ? "" : CharTables.mapSegment(single);
            if (expected.contains(".")) {
                continue; // context-dependent; covered by TextNormalizerTest
            }
            String actual = normalizer.normalize(single).text();
            if (!actual.equals(expected)) {
                mismatches.add(String.format("U+%04X: expected %s got %s", c, expected, actual));
            }
        }
        return mismatches;
    }
}
