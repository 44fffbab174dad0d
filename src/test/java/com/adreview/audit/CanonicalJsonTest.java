package com.adreview.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * Audit hashes are computed over {@link CanonicalJson}, so its output may never change: entries hashed by
 * an earlier release must verify. Strings are copied in runs between the characters that need an
 * escape; these hold that to the escape one character at a time that every earlier release wrote.
 */
class CanonicalJsonTest {

    /**
     * The encoding of a string as every release before the copied runs wrote it, which is also how the
     * audit recipe an auditor follows writes it ({@link AuditRecipeTest}).
     */
    private static String reference(String s) {
        StringBuilder out = new StringBuilder();
        AuditRecipeTest.string(out, s);
        return out.toString();
    }

    @Test
    void stringsAreEscapedExactlyAsBefore() {
        assertThat(CanonicalJson.of("")).isEqualTo("\"\"");
        assertThat(CanonicalJson.of("plain 中文")).isEqualTo("\"plain 中文\"");
        assertThat(CanonicalJson.of("\"a\\b\"\n\r\t\u0000\u001f"))
                .isEqualTo("\"\\\"a\\\\b\\\"\\n\\r\\t\\u0000\\u001f\"");
        assertThat(CanonicalJson.of(new Document("k\"", "v\u0001"))).isEqualTo("{\"k\\\"\":\"v\\u0001\"}");
    }

    @Test
    void seededRandomStringsEncodeAsTheCharacterAtATimeEscape() {
        // Characters drawn mostly from those that need an escape and their neighbours, so that runs of
        // every length start and end everywhere, including at both ends of the string.
        char[] alphabet = {
            '"', '\\', '\n', '\r', '\t', 0, 1, 0x1f, 0x20, '!', '#', '[', ']', 'a', '中', '\u2028', '\uffff'
        };
        Random random = new Random(20261206L);
        for (int trial = 0; trial < 20_000; trial++) {
            int length = random.nextInt(12);
            StringBuilder s = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                s.append(
                        random.nextInt(4) == 0
                                ? (char) random.nextInt(0x80)
                                : alphabet[random.nextInt(alphabet.length)]);
            }
            String text = s.toString();
            assertThat(CanonicalJson.of(text)).as("trial %d", trial).isEqualTo(reference(text));
        }
    }
}
