package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.check.PhraseList;
import com.adreview.check.PhraseMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ad copy as the content rules see it, and the matchers that read it, on a small dictionary
 * built here: which lists a field has, their matches, the sentence of an offset, the signs of
 * obfuscation, and the hits of phrase-list and obfuscation rules.
 */
class ContentScanTest {

    /**
     * Lists numbered past 64, so that a field's record of what it found spans two words: guarantee is
     * list 0, fee list 70 (the same bit as list 6, in the next word), warning a concept after them.
     */
    private static final ContentDictionary DICTIONARY = dictionary();

    private static ContentDictionary dictionary() {
        List<PhraseList> lists = new ArrayList<>();
        lists.add(PhraseList.of("guarantee", "capital guarantee", List.of("保本")));
        for (int i = 1; i < 70; i++) {
            lists.add(PhraseList.of("filler-" + i, "filler", List.of("填" + (char) ('一' + i) + "词")));
        }
        lists.add(PhraseList.of("fee", "upfront fee", List.of("手续费")));
        List<PhraseList> concepts = List.of(PhraseList.of("warning", "a warning", List.of("绝不")));
        return new ContentDictionary(lists, concepts, List.of(), 0);
    }

    private static ContentScan copy(String body) {
        Map<String, Object> creative = new LinkedHashMap<>();
        creative.put("body", body);
        creative.put("headline", "");
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("creative", creative);
        return new ContentScan(document, DICTIONARY);
    }

    @Test
    void theDictionaryNumbersEveryListConceptAndKeywordId() {
        assertThat(DICTIONARY.ordinal("guarantee")).isZero();
        assertThat(DICTIONARY.ordinal("filler-6")).isEqualTo(6);
        assertThat(DICTIONARY.ordinal("fee")).isEqualTo(70);
        assertThat(DICTIONARY.ordinal("warning")).isEqualTo(71);
        assertThat(DICTIONARY.ordinal("nothing")).isEqualTo(-1);
        assertThat(DICTIONARY.ordinalCount()).isEqualTo(72);
        assertThat(DICTIONARY.listIds())
                .hasSize(71)
                .contains("guarantee", "fee")
                .doesNotContain("warning");
        assertThat(DICTIONARY.conceptIds()).containsExactly("warning");
        assertThat(DICTIONARY.phraseCount()).isEqualTo(72);
        assertThat(DICTIONARY.phrases()).isNotNull();
        assertThat(DICTIONARY.rates()).isNull();
        ContentDictionary empty = ContentDictionary.empty();
        assertThat(empty.phrases()).isNull();
        assertThat(empty.phraseCount()).isZero();
        assertThat(empty.ordinalCount()).isZero();
    }

    @Test
    void aFieldHasExactlyTheListsWhosePhrasesItHolds() {
        ContentScan.Field field = copy("保本，先交手续费").field("creative.body");
        assertThat(field.has("guarantee")).isTrue();
        assertThat(field.has("fee")).isTrue();
        // list 6 shares fee's bit in the other word; list 64 is the first of the second word
        assertThat(field.has("filler-6")).isFalse();
        assertThat(field.has("filler-64")).isFalse();
        assertThat(field.has("warning")).isFalse();
        assertThat(field.has("nothing")).isFalse();
        ContentScan.Field feeOnly = copy("先交手续费").field("creative.body");
        assertThat(feeOnly.has("fee")).isTrue();
        assertThat(feeOnly.has("guarantee")).isFalse();
        ContentScan.Field sixOnly = copy("填" + (char) ('一' + 6) + "词").field("creative.body");
        assertThat(sixOnly.has("filler-6")).isTrue();
        assertThat(sixOnly.has("fee")).isFalse();
        assertThat(sixOnly.has("guarantee")).isFalse();
    }

    @Test
    void theMatchesOfAListAreInTextOrderAndEmptyWithoutOne() {
        ContentScan.Field field = copy("手续费保本，再交手续费").field("creative.body");
        assertThat(field.of("fee")).extracting(PhraseMatch::rawStart).containsExactly(0, 8);
        assertThat(field.of("guarantee")).extracting(PhraseMatch::rawText).containsExactly("保本");
        assertThat(field.of("warning")).isEmpty();
        assertThat(field.phrases()).extracting(PhraseMatch::listId).containsExactly("fee", "guarantee", "fee");
        // An empty field is not scanned: nothing found, and no list had.
        ContentScan.Field empty = copy("").field("creative.body");
        assertThat(empty.phrases()).isEmpty();
        assertThat(empty.has("fee")).isFalse();
        assertThat(empty.text().text()).isEmpty();
        // A field that is absent reads as empty text; each field is normalised once.
        ContentScan scan = copy("保本");
        assertThat(scan.field("creative.landingUrl").text().raw()).isEmpty();
        assertThat(scan.field("creative.body")).isSameAs(scan.field("creative.body"));
    }

    @Test
    void anOffsetsSentenceCountsTheSentenceEndsBeforeIt() {
        // Ends: 。 at 1, ! at 3, the full stop at 8 (followed by a space), ? at 11, the full stop at 14 (the
        // end of the text); the full stop at 6 is inside a number.
        String raw = "a。b!c1.5. d? e.";
        ContentScan.Field field = copy(raw).field("creative.body");
        int[] expected = {0, 0, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4};
        for (int offset = 0; offset < raw.length(); offset++) {
            assertThat(field.sentenceOf(offset))
                    .as("offset %d in %s", offset, raw)
                    .isEqualTo(expected[offset]);
        }
        assertThat(field.sentenceOf(raw.length())).isEqualTo(5);
        // More sentence ends than the first guess of eight, each of every kind.
        String many = "。！？!?；;…\n\r。。";
        ContentScan.Field ends = copy(many).field("creative.body");
        for (int offset = 0; offset < many.length(); offset++) {
            assertThat(ends.sentenceOf(offset)).isEqualTo(offset);
        }
        assertThat(ends.sentenceOf(many.length())).isEqualTo(many.length());
        // No end at all: one sentence.
        assertThat(copy("保本手续费").field("creative.body").sentenceOf(4)).isZero();
    }

    @Test
    void signsOfObfuscationAreFoundInTheRawText() {
        assertThat(copy("保\u200b本").field("creative.body").signs())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.rawStart()).isEqualTo(1);
                    assertThat(s.rawEnd()).isEqualTo(2);
                });
        assertThat(copy("").field("creative.body").signs()).isEmpty();
        assertThat(copy("保本").field("creative.body").signs()).isEmpty();
        // An obfuscation rule quotes each sign as submitted, labelled with its description.
        ContentScan scan = copy("保\u200b本");
        String description = scan.field("creative.body").signs().get(0).description();
        assertThat(new ObfuscationMatcher(List.of("creative.headline", "creative.body")).find(scan, null))
                .containsExactly(new ContentScan.Hit("creative.body", 1, 2, "\u200b", description));
    }

    @Test
    void aPhraseRuleQuotesEveryPhraseOfItsListsUnlessItsSentenceIsAWarning() {
        PhraseListMatcher fees = new PhraseListMatcher(List.of("fee"), List.of("warning"), List.of("creative.body"));
        // The first sentence demands the fee, the second warns of it.
        ContentScan scan = copy("先交手续费。我们绝不收手续费。手续费");
        assertThat(fees.find(scan, null))
                .containsExactly(
                        new ContentScan.Hit("creative.body", 2, 5, "手续费", "upfront fee"),
                        new ContentScan.Hit("creative.body", 15, 18, "手续费", "upfront fee"));
        // Without unless, every phrase counts; lists are read in the field's text order.
        PhraseListMatcher any = new PhraseListMatcher(List.of("guarantee", "fee"), List.of("creative.body"));
        assertThat(any.find(copy("手续费保本"), null))
                .containsExactly(
                        new ContentScan.Hit("creative.body", 0, 3, "手续费", "upfront fee"),
                        new ContentScan.Hit("creative.body", 3, 5, "保本", "capital guarantee"));
        assertThat(fees.find(scan, null)).hasSize(2);
        assertThat(fees.find(copy("保本"), null)).isEmpty();
        assertThat(fees.find(copy("我们绝不收手续费"), null)).isEmpty();
        // Duplicates in the lists are kept once.
        assertThat(new PhraseListMatcher(List.of("fee", "fee"), List.of("warning", "warning"), List.of("f")).lists())
                .containsExactly("fee");
    }
}
