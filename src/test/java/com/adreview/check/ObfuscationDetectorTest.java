package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObfuscationDetectorTest {

    private final ObfuscationDetector detector = new ObfuscationDetector();

    @Test
    void aSignRefusesANegativeOrReversedSpan() {
        ObfuscationSign.Kind kind = ObfuscationSign.Kind.MIXED_SCRIPT;
        assertThat(new ObfuscationSign(kind, 0, 1, "d").rawStart()).isZero();
        assertThat(new ObfuscationSign(kind, 3, 3, "d").rawEnd()).isEqualTo(3);
        assertThatThrownBy(() -> new ObfuscationSign(kind, -1, 1, "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ObfuscationSign(kind, 3, 2, "d")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reportsZeroWidthCharactersWithRawOffsets() {
        List<ObfuscationSign> signs = detector.detectObfuscation("保\u200b本\u200d收益");

        assertThat(signs).extracting(ObfuscationSign::kind).containsOnly(ObfuscationSign.Kind.INVISIBLE_CHARACTER);
        assertThat(signs).extracting(ObfuscationSign::rawStart).containsExactly(1, 3);
        assertThat(signs).extracting(ObfuscationSign::rawEnd).containsExactly(2, 4);
        assertThat(signs.get(0).description()).contains("U+200B", "ZERO WIDTH SPACE");
    }

    @Test
    void reportsBidiControlsWithRawOffsets() {
        List<ObfuscationSign> signs = detector.detectObfuscation("稳赚\u202e不赔\u2066");

        assertThat(signs)
                .extracting(ObfuscationSign::kind)
                .containsExactly(ObfuscationSign.Kind.BIDI_CONTROL, ObfuscationSign.Kind.BIDI_CONTROL);
        assertThat(signs).extracting(ObfuscationSign::rawStart).containsExactly(2, 5);
    }

    @Test
    void flagsLatinWordWithCyrillicLetter() {
        String raw = "加 W\u0435chat 了解";
        List<ObfuscationSign> signs = detector.detectObfuscation(raw);

        assertThat(signs).singleElement().satisfies(sign -> {
            assertThat(sign.kind()).isEqualTo(ObfuscationSign.Kind.MIXED_SCRIPT);
            assertThat(raw.substring(sign.rawStart(), sign.rawEnd())).isEqualTo("W\u0435chat");
            // Exactly the scripts mixed, none more (issue 21, gap 7).
            assertThat(sign.description()).isEqualTo("Latin+Cyrillic in \"W\u0435chat\"");
        });
    }

    @Test
    void flagsLatinWordWithGreekLetterGluedToHan() {
        String raw = "加wec\u03bfin好友";
        List<ObfuscationSign> signs = detector.detectObfuscation(raw);

        assertThat(signs).singleElement().satisfies(sign -> {
            assertThat(sign.kind()).isEqualTo(ObfuscationSign.Kind.MIXED_SCRIPT);
            assertThat(raw.substring(sign.rawStart(), sign.rawEnd())).isEqualTo("wec\u03bfin");
            assertThat(sign.description()).isEqualTo("Latin+Greek in \"wec\u03bfin\"");
        });
    }

    @Test
    void mixedWordHiddenCharacterKeepsTheWordTogetherAndIsReportedToo() {
        List<ObfuscationSign> signs = detector.detectObfuscation("W\u200b\u0435chat");

        assertThat(signs)
                .extracting(ObfuscationSign::kind)
                .containsExactly(ObfuscationSign.Kind.MIXED_SCRIPT, ObfuscationSign.Kind.INVISIBLE_CHARACTER);
        assertThat(signs.get(0).rawEnd()).isEqualTo(7);
    }

    @Test
    void flagsTheFirstGreekLetterOfTheBlock() {
        // U+0370 GREEK CAPITAL LETTER HETA, the first code point the script prefilter must look at.
        String raw = "W\u0370chat";
        assertThat(detector.detectObfuscation(raw)).singleElement().satisfies(sign -> assertThat(sign.description())
                .isEqualTo("Latin+Greek in \"W\u0370chat\""));
    }

    @Test
    void aWordMixingCyrillicAndGreekNamesExactlyThoseTwo() {
        String raw = "\u043f\u03b1\u0437";
        assertThat(detector.detectObfuscation(raw)).singleElement().satisfies(sign -> assertThat(sign.description())
                .isEqualTo("Cyrillic+Greek in \"\u043f\u03b1\u0437\""));
    }

    @Test
    void aCombiningMarkStaysInsideItsWord() {
        // "е" (Cyrillic) with a combining acute accent, at the very start of the text.
        String raw = "W\u0435\u0301chat";
        assertThat(detector.detectObfuscation(raw)).singleElement().satisfies(sign -> {
            assertThat(sign.rawStart()).isZero();
            assertThat(sign.rawEnd()).isEqualTo(raw.length());
        });
    }

    @Test
    void flagsLatinWordWithCyrillicLetterOutsideTheBasicPlane() {
        // U+1E030 MODIFIER LETTER CYRILLIC SMALL A: a Cyrillic letter written as a surrogate pair.
        String cyrillicA = new String(Character.toChars(0x1E030));
        String raw = "加 W" + cyrillicA + "chat 了解";
        List<ObfuscationSign> signs = detector.detectObfuscation(raw);

        assertThat(signs).singleElement().satisfies(sign -> {
            assertThat(sign.kind()).isEqualTo(ObfuscationSign.Kind.MIXED_SCRIPT);
            assertThat(raw.substring(sign.rawStart(), sign.rawEnd())).isEqualTo("W" + cyrillicA + "chat");
            assertThat(sign.description()).isEqualTo("Latin+Cyrillic in \"W" + cyrillicA + "chat\"");
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "加V信",
                "App下载",
                "iPhone 15",
                "plain ascii words",
                "纯中文广告文案",
                "ｗｅｉｘｉｎ全角",
                "Привет мир",
                "αβγ δ",
                "café ❤\ufe0f 👨\u200d👩\u200d👧",
                ""
            })
    void ordinaryTextIsNotFlagged(String raw) {
        assertThat(detector.detectObfuscation(raw)).isEmpty();
    }

    @Test
    void normalizedOverloadGivesTheSameSigns() {
        String raw = "\u200bW\u0435chat\u202e";
        NormalizedText normalized = TextNormalizer.standard().normalize(raw);

        assertThat(detector.detectObfuscation(normalized))
                .isEqualTo(detector.detectObfuscation(raw))
                .hasSize(3);
    }
}
