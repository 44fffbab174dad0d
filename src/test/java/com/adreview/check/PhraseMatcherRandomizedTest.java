package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random disguises: the phrase must still be found and its raw span must frame the disguised phrase. */
class PhraseMatcherRandomizedTest {

    private static final List<String> PHRASES =
            List.of("保本", "保证收益", "稳赚不赔", "无风险", "加微信", "wechat", "guaranteed", "riskfree");

    /** Traditional spellings and look-alikes an evader may substitute for single characters. */
    private static final Map<Character, List<String>> DISGUISES = Map.ofEntries(
            Map.entry('证', List.of("證")),
            Map.entry('稳', List.of("穩")),
            Map.entry('赚', List.of("賺")),
            Map.entry('赔', List.of("賠")),
            Map.entry('险', List.of("險")),
            Map.entry('风', List.of("風")),
            Map.entry('a', List.of("\u0430", "Ａ", "A")),
            Map.entry('e', List.of("\u0435", "Ｅ", "E")),
            Map.entry('c', List.of("\u0441", "ｃ", "C")),
            Map.entry('r', List.of("Ｒ", "R")),
            Map.entry('i', List.of("\u0456", "ｉ", "I")),
            Map.entry('t', List.of("ｔ", "T")));

    /** Inserted between characters: invisible, bidi, spacing, punctuation, symbols, emoji, a strike-through mark. */
    private static final List<String> JUNK = List.of(
            "\u200b",
            "\u200c",
            "\u200d",
            "\u2060",
            "\ufeff",
            "\u00ad",
            "\u202e",
            "\u2066",
            "\u200f",
            " ",
            "\u3000",
            "-",
            ".",
            "_",
            "·",
            "*",
            "/",
            "~",
            "😀",
            "🔥",
            "\u0336",
            "\ufe0f",
            new String(Character.toChars(0xE0041)));

    /** Filler shares no character with any phrase, so the expected span is exact. */
    private static final String FILLER = "市场行情今日天气很好我们产品欢迎咨询详情请看官网地址123456789😊 ，。！";

    private static final PhraseMatcher MATCHER =
            new PhraseMatcher(new PhraseDictionary(List.of(PhraseList.of("probe", "random disguise", PHRASES))));

    @Test
    void disguisedPhrasesAreFoundWithExactRawSpans() {
        Random random = new Random(42L);
        for (int trial = 0; trial < 5_000; trial++) {
            String phrase = PHRASES.get(random.nextInt(PHRASES.size()));
            String prefix = filler(random);
            Disguised disguised = disguise(phrase, random);
            String raw = prefix + disguised.text() + filler(random);
            int expectedStart = prefix.length();
            int expectedEnd = expectedStart + disguised.text().length();

            List<PhraseMatch> matches = MATCHER.scan(raw);

            assertThat(matches).as("trial %d raw %s", trial, escape(raw)).anySatisfy(match -> {
                assertThat(match.phrase()).isEqualTo(phrase);
                assertThat(match.rawStart()).isEqualTo(expectedStart);
                assertThat(match.rawEnd()).isEqualTo(expectedEnd);
                assertThat(match.rawText()).startsWith(disguised.first()).endsWith(disguised.last());
            });
        }
    }

    @Test
    void everyRawSpanRenormalisesToItsPhrase() {
        Random random = new Random(7L);
        for (int trial = 0; trial < 2_000; trial++) {
            StringBuilder raw = new StringBuilder(filler(random));
            List<String> inserted = new java.util.ArrayList<>();
            for (int k = 0; k < 1 + random.nextInt(3); k++) {
                String phrase = PHRASES.get(random.nextInt(PHRASES.size()));
                inserted.add(phrase);
                raw.append(disguise(phrase, random).text()).append(filler(random));
            }
            List<PhraseMatch> matches = MATCHER.scan(raw.toString());
            // Every phrase put in is found (no phrase of the list contains another), so the checks below
            // run on every trial rather than on whatever the scan happens to return.
            assertThat(matches)
                    .extracting(PhraseMatch::phrase)
                    .as("raw %s", escape(raw.toString()))
                    .containsAll(inserted)
                    .hasSizeGreaterThanOrEqualTo(inserted.size());
            for (PhraseMatch match : matches) {
                assertThat(match.rawText()).isEqualTo(raw.substring(match.rawStart(), match.rawEnd()));
                assertThat(TextNormalizer.standard().normalize(match.rawText()).text())
                        .as("raw %s", escape(raw.toString()))
                        .isEqualTo(match.normalizedPhrase());
                assertThat(Character.isLowSurrogate(raw.charAt(match.rawStart())))
                        .isFalse();
                assertThat(Character.isHighSurrogate(raw.charAt(match.rawEnd() - 1)))
                        .isFalse();
            }
        }
    }

    private static Disguised disguise(String phrase, Random random) {
        StringBuilder out = new StringBuilder();
        String first = null;
        String last = null;
        for (int i = 0; i < phrase.length(); i++) {
            List<String> options = DISGUISES.get(phrase.charAt(i));
            String piece = options != null && random.nextBoolean()
                    ? options.get(random.nextInt(options.size()))
                    : String.valueOf(phrase.charAt(i));
            if (i == 0) {
                first = piece;
            } else {
                for (int j = random.nextInt(3); j > 0; j--) {
                    out.append(JUNK.get(random.nextInt(JUNK.size())));
                }
            }
            out.append(piece);
            last = piece;
        }
        return new Disguised(out.toString(), first, last);
    }

    private static String filler(Random random) {
        StringBuilder out = new StringBuilder();
        int[] codePoints = FILLER.codePoints().toArray();
        for (int k = random.nextInt(12); k > 0; k--) {
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }

    private static String escape(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints()
                .forEach(cp -> out.append(
                        cp < 0x80 || Character.isIdeographic(cp)
                                ? new String(Character.toChars(cp))
                                : String.format("\\u{%X}", cp)));
        return out.toString();
    }

    private record Disguised(String text, String first, String last) {}
}
