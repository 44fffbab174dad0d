package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextNormalizerTest {

    private final TextNormalizer normalizer = TextNormalizer.standard();

    private String norm(String raw) {
        return normalizer.normalize(raw).text();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> \"{1}\"")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            保　本              | 保本
            ｗｅｉｘｉｎ        | weixin
            保 本               | 保本
            保-本               | 保本
            保.本               | 保本
            加-微-信            | 加微信
            加 V                | 加v
            w e i x i n         | weixin
            WeChat              | wechat
            保證收益            | 保证收益
            穩賺不賠            | 稳赚不赔
            年化收益率0.1%      | 年化收益率0.1%
            收益36％            | 收益36%
            ３６．５％          | 36.5%
            v1.2.3版            | v1.2.3版
            1.a                 | 1a
            a.1                 | a1
            1. 2                | 12
            1..2                | 12
            no risk!            | norisk
            Straße              | strasse
            ①号                 | 1号
            App下载             | app下载
            """)
    void normalisesEvasionsAndKeepsRates(String raw, String expected) {
        assertThat(norm(raw)).isEqualTo(expected);
    }

    @Test
    void foldsCyrillicAndGreekLookAlikesToLatin() {
        // Cyrillic а е о р с х, Greek ο
        assertThat(norm("\u0430\u0435\u043e\u0440\u0441\u0445\u03bf")).isEqualTo("aeopcxo");
        assertThat(norm("w\u0435chat")).isEqualTo("wechat");
        assertThat(norm("W\u0415CHAT")).isEqualTo("wechat");
    }

    @Test
    void leavesCjkAndAccentedLettersAlone() {
        assertThat(norm("稳赚不赔，投资需谨慎")).isEqualTo("稳赚不赔投资需谨慎");
        assertThat(norm("café")).isEqualTo("café");
        assertThat(norm("cafe\u0301")).isEqualTo("café");
    }

    @Test
    void dropsInvisibleCharactersAndRecordsTheirRawOffsets() {
        String raw = "保\u200b本\u202e收益";
        NormalizedText text = normalizer.normalize(raw);

        assertThat(text.text()).isEqualTo("保本收益");
        assertThat(text.hadInvisibleOrBidi()).isTrue();
        assertThat(text.hiddenCharacters())
                .extracting(ObfuscationSign::kind, ObfuscationSign::rawStart, ObfuscationSign::rawEnd)
                .containsExactly(
                        tuple(ObfuscationSign.Kind.INVISIBLE_CHARACTER, 1, 2),
                        tuple(ObfuscationSign.Kind.BIDI_CONTROL, 3, 4));
    }

    @Test
    void removesEveryKindOfHiddenCharacter() {
        String hidden = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a\u202b\u202c\u202d\u202e"
                + "\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufe00\ufe0f\u3164"
                + new String(Character.toChars(0xE0041)) + new String(Character.toChars(0xE0100));
        NormalizedText text = normalizer.normalize("保" + hidden + "本");

        assertThat(text.text()).isEqualTo("保本");
        assertThat(text.hiddenCharacters()).hasSize(hidden.codePointCount(0, hidden.length()));
        assertThat(text.rawText(0, 2)).isEqualTo("保" + hidden + "本");
    }

    @Test
    void emojiGlueIsRemovedButNotReportedAsHidden() {
        String heart = "\u2764\ufe0f";
        String family = "\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
        String scotland = "\ud83c\udff4" + tags("gbsct") + new String(Character.toChars(0xE007F));
        NormalizedText text = normalizer.normalize("保本" + heart + family + scotland + "收益");

        assertThat(text.text()).isEqualTo("保本收益");
        assertThat(text.hadInvisibleOrBidi()).isFalse();
    }

    @Test
    void mapsEveryNormalisedCharBackToItsRawSpan() {
        String raw = "😀保\u200b本　ＡＢ穩賺";
        NormalizedText text = normalizer.normalize(raw);

        assertThat(text.text()).isEqualTo("保本ab稳赚");
        assertThat(text.rawText(0, 2)).isEqualTo("保\u200b本");
        assertThat(text.rawText(2, 4)).isEqualTo("ＡＢ");
        assertThat(text.rawText(4, 6)).isEqualTo("穩賺");
        assertThat(text.rawStart(0)).isEqualTo(2); // after the surrogate pair of the emoji
        assertThat(text.rawEnd(6)).isEqualTo(raw.length());
    }

    @Test
    void expansionsShareTheRawSpanOfTheirSource() {
        NormalizedText text = normalizer.normalize("令和㍻元年");

        assertThat(text.text()).isEqualTo("令和平成元年");
        assertThat(text.rawStart(2)).isEqualTo(2);
        assertThat(text.rawEnd(3)).isEqualTo(3);
        assertThat(text.rawEnd(4)).isEqualTo(3);
    }

    @Test
    void aFlagTagSequenceMayStartWithTheTagSpace() {
        // U+E0020 TAG SPACE is the first tag character; after the black flag it is glue like the letters.
        String flag = "\ud83c\udff4" + tags(" gb") + new String(Character.toChars(0xE007F));
        NormalizedText text = normalizer.normalize("保本" + flag + "收益");

        assertThat(text.text()).isEqualTo("保本收益");
        assertThat(text.hadInvisibleOrBidi()).isFalse();
    }

    @Test
    void keepsTheFirstCodePointBeyondTheBmpWhole() {
        String linearB = new String(Character.toChars(0x10000)); // LINEAR B SYLLABLE B008 A, a letter
        NormalizedText text = normalizer.normalize("a " + linearB + " b");

        assertThat(text.text()).isEqualTo("a" + linearB + "b");
        assertThat(text.rawText(1, 3)).isEqualTo(linearB);
    }

    @Test
    void keepsSupplementaryCjkAsWholeCodePoints() {
        String extensionB = new String(Character.toChars(0x20000));
        NormalizedText text = normalizer.normalize("a " + extensionB + " b");

        assertThat(text.text()).isEqualTo("a" + extensionB + "b");
        assertThat(text.rawText(1, 3)).isEqualTo(extensionB);
    }

    @Test
    void offsetAccessorsRejectIndexesOutsideTheText() {
        NormalizedText text = normalizer.normalize("保本");

        assertThat(text.rawText(1, 1)).isEmpty();
        assertThatThrownBy(() -> text.rawStart(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.rawEnd(0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> text.rawEnd(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void emptyAndSeparatorOnlyInputNormaliseToEmpty() {
        assertThat(norm("")).isEmpty();
        assertThat(norm(" ，。!?—…")).isEmpty();
        assertThatThrownBy(() -> normalizer.normalize(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void findHiddenCharactersAgreesWithNormalize() {
        String raw = "加\u200d微\u2066信\ufe0f❤\ufe0f";
        assertThat(normalizer.findHiddenCharacters(raw))
                .isEqualTo(normalizer.normalize(raw).hiddenCharacters());
        assertThat(normalizer.findHiddenCharacters(raw)).hasSize(3);
    }

    @Test
    void glueOnlyCountsAsEmojiGlueInsideAnEmojiSequence() {
        // Issue 21, gap 9: each condition of the emoji-glue test decides on its own.
        String skinToneWorker = "\ud83d\udc69\ud83c\udffd\u200d\ud83d\udcbb"; // woman, skin tone, ZWJ, laptop
        String blackFlag = "\ud83c\udff4";
        String cancel = new String(Character.toChars(0xE007F));
        assertThat(normalizer.normalize(skinToneWorker + "保本").hadInvisibleOrBidi())
                .as("a joiner after a skin-tone modifier")
                .isFalse();
        assertThat(normalizer.normalize("\u2764\ufe0e保本").hadInvisibleOrBidi())
                .as("text presentation selector after an emoji")
                .isFalse();

        for (String hidden : new String[] {
            "保\u200d本", // a joiner between letters
            "保\u200d\u2764", // a joiner before an emoji but after a letter
            "\u2764\ufe0f\u200d本", // a joiner after an emoji but before a letter
            "\u2764\u200d本", // the same without the selector
            "\u2764\u200d", // a joiner at the end
            "保\ufe0f本", // a presentation selector after a letter
            "\ufe0f保本", // a presentation selector at the start
            "保" + tags("gbsct") + cancel, // flag tags after a letter
            blackFlag + tags("gb") + cancel + tags("x"), // a tag after the cancel tag
        }) {
            NormalizedText text = normalizer.normalize(hidden);
            assertThat(text.hadInvisibleOrBidi())
                    .as("%s", hidden.codePoints().mapToObj(Integer::toHexString).toList())
                    .isTrue();
        }
    }

    private static String tags(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.chars().forEach(c -> out.appendCodePoint(0xE0000 + c));
        return out.toString();
    }
}
