package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {

    @Test
    void aPhraseIsFoundWhateverItsWidthCaseAndSpacing() {
        assertThat(Phrases.containsAny("投资有风险，入市需谨慎", List.of("投资 有 风险"))).isTrue();
        assertThat(Phrases.containsAny("Investing Involves RISK", List.of("involves risk")))
                .isTrue();
        assertThat(Phrases.containsAny("ＲＩＳＫ warning", List.of("risk"))).isTrue();
    }

    @Test
    void aTextWithoutAnyOfThePhrasesHasNone() {
        assertThat(Phrases.containsAny("保本", List.of("投资有风险"))).isFalse();
        assertThat(Phrases.containsAny("   ", List.of("risk"))).isFalse();
        assertThat(Phrases.containsAny(null, List.of("risk"))).isFalse();
    }

    @Test
    void anEmptyPhraseMatchesNothing() {
        assertThat(Phrases.containsAny("abc", List.of("", " "))).isFalse();
        assertThat(Phrases.containsAny("abc", List.of("", "b"))).isTrue();
    }

    @Test
    void aListSeenForTheFirstTimeIsFoldedToo() {
        // A list no other test uses, so the fold is computed here rather than taken from the cache.
        String unique = "phrase-" + System.nanoTime();
        assertThat(Phrases.containsAny("xx " + unique.toUpperCase(java.util.Locale.ROOT) + " yy", List.of(unique)))
                .isTrue();
    }
}
