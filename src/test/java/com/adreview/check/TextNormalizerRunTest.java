package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The normaliser's loop over runs of plain chars, held to the normaliser as it was before
 * ({@link TextNormalizerReference}): the same text, the same raw span for every char, the same hidden
 * characters, on seeded random copy full of what leaves the plain run (dots between and beside digits,
 * combining marks, hidden and bidi characters, surrogate pairs and lone surrogates, chars mapping to
 * several or none).
 */
class TextNormalizerRunTest {

    private static final String[] PIECES = {
        "保",
        "本",
        "息",
        "日",
        "年",
        "化",
        "微",
        "信",
        "加",
        "元",
        "。",
        "，",
        "、",
        "（",
        "）",
        "：",
        "a",
        "B",
        "z",
        "0",
        "1",
        "7",
        "9",
        ".",
        ".",
        "%",
        " ",
        "\n",
        "-",
        "_",
        "０",
        "７",
        "Ａ",
        "ｂ",
        "．",
        "％",
        "①",
        "㎏",
        "ﬁ",
        "ß",
        "İ",
        "е",
        "о",
        "α",
        "Ω",
        "\u0301",
        "\u0308",
        "\u20dd",
        "\u3099",
        "\u200b",
        "\u200d",
        "\u202e",
        "\u2066",
        "\ufe0f",
        "\u00ad",
        "e\u0301",
        "\u1100\u1161",
        "\ud83d\ude00",
        "\ud83c\udff4\udb40\udc67\udb40\udc7f",
        "\ud835\udc00",
        "\ud800",
        "\udc00",
        "\udb40\udc20",
        "萬",
        "證",
        "貸",
        "\uffff",
        "\u0000"
    };

    @Test
    void normalisesRandomCopyAsTheReferenceDoes() {
        Random random = new Random(17);
        TextNormalizer normalizer = TextNormalizer.standard();
        TextNormalizerReference reference = new TextNormalizerReference();
        for (int round = 0; round < 20_000; round++) {
            StringBuilder raw = new StringBuilder();
            int pieces = random.nextInt(round % 10 == 0 ? 200 : 25);
            for (int p = 0; p < pieces; p++) {
                raw.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSame(normalizer.normalize(raw.toString()), reference.normalize(raw.toString()));
        }
    }

    @Test
    void normalisesTheCorpusAsTheReferenceDoes() throws Exception {
        TextNormalizer normalizer = TextNormalizer.standard();
        TextNormalizerReference reference = new TextNormalizerReference();
        List<String> lines = new ArrayList<>();
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("policies"))) {
            for (var file :
                    files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                lines.addAll(java.nio.file.Files.readAllLines(file));
            }
        }
        assertThat(lines).hasSizeGreaterThan(1000);
        for (String line : lines) {
            assertSame(normalizer.normalize(line), reference.normalize(line));
        }
    }

    /**
     * Where the plain run must stop: a '.' pending from a char that expands to "1." at raw index 0 (so
     * the pending dot's raw start is 0), a plain char followed by a supplementary code point that NFKC
     * joins to it, and an output array filled to its capacity exactly when a plain char comes.
     */
    @Test
    void stopsThePlainRunWhereTheReferenceNeedsTheGeneralPath() {
        TextNormalizer normalizer = TextNormalizer.standard();
        TextNormalizerReference reference = new TextNormalizerReference();
        String nineEszetts = "\u00df".repeat(9);
        for (String raw : List.of(
                "\u24885",
                "\u2488" + "5a",
                "x\u24885",
                "a\ud834\udd67",
                "a\ud834\udd67b",
                nineEszetts + "a",
                nineEszetts + "ab")) {
            assertSame(normalizer.normalize(raw), reference.normalize(raw));
        }

        NormalizedText decimal = normalizer.normalize("\u24885");
        assertThat(decimal.text()).isEqualTo("1.5");
        assertThat(decimal.rawStart(1)).isEqualTo(0);

        NormalizedText joined = normalizer.normalize("a\ud834\udd67b");
        assertThat(joined.text()).isEqualTo("ab");
        assertThat(joined.rawEnd(1)).isEqualTo(3);

        assertThat(normalizer.normalize(nineEszetts + "a").text()).isEqualTo("ss".repeat(9) + "a");
    }

    private static void assertSame(NormalizedText got, NormalizedText want) {
        assertThat(got.raw()).isEqualTo(want.raw());
        assertThat(got.text()).as("text of %s", want.raw()).isEqualTo(want.text());
        for (int k = 0; k < want.length(); k++) {
            assertThat(got.rawStart(k)).as("rawStart %d of %s", k, want.raw()).isEqualTo(want.rawStart(k));
            assertThat(got.rawEnd(k + 1))
                    .as("rawEnd %d of %s", k + 1, want.raw())
                    .isEqualTo(want.rawEnd(k + 1));
        }
        assertThat(got.hiddenCharacters()).as("hidden in %s", want.raw()).isEqualTo(want.hiddenCharacters());
    }
}
