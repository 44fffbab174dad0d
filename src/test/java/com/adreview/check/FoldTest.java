package com.adreview.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The folding of short structured fields: the quick path gives exactly what the normaliser gives. */
class FoldTest {

    /** Every character the quick path takes, as the text's only character, between two others and after an upper-case letter. */
    @Test
    void theQuickPathAgreesWithTheNormaliserOnEveryCharacterItTakes() {
        int taken = 0;
        for (int c = 0; c <= 0xFFFF; c++) {
            String alone = String.valueOf((char) c);
            if (Fold.quickCompact(alone) == null) {
                continue;
            }
            taken++;
            for (String text : new String[] {alone, "Ab" + alone + "中Ｃ", alone + alone + " x"}) {
                assertEquals(Fold.normalizerCompact(text), Fold.quickCompact(text), "U+" + Integer.toHexString(c));
            }
        }
        assertEquals(95 + 94 + 3 + (0x9FFF - 0x4E00 + 1), taken, "printable ASCII, full-width ASCII, U+3000-3002, CJK");
    }

    @Test
    void theQuickPathFoldsWidthCaseAndWhiteSpace() {
        assertEquals("深圳市abc科技有限公司", Fold.compact("深圳市 ＡＢＣ　科技有限公司"));
        assertEquals("市场有风险,投资需谨慎。", Fold.compact("市场有风险，投资需谨慎。"));
        String already = "深圳市abc科技有限公司";
        assertSame(already, Fold.compact(already), "text already folded is returned as it is");
    }

    @Test
    void otherCharactersGoThroughTheNormaliser() {
        assertNull(Fold.quickCompact("Straße"));
        assertEquals("strasse", Fold.compact("Straße"));
        assertEquals("カ", Fold.compact("ｶ"), "half-width katakana is widened");
        assertEquals("a", Fold.compact("\tA\n"));
    }

    /** Seeded random texts over the quick path's characters and some it does not take. */
    @Test
    void randomTextsFoldAsTheNormaliserFoldsThem() {
        char[] pool = {'a', 'Z', ' ', '\t', '，', 'Ｑ', '　', '、', '中', '鑫', 'ß', 'ｶ', '\u0301', 'e', '①', '\u200b', '·'};
        Random random = new Random(20261206);
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(pool[random.nextInt(pool.length)]);
            }
            String t = text.toString();
            assertEquals(Fold.normalizerCompact(t), Fold.compact(t), t);
        }
    }
}
