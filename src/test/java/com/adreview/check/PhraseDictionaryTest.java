package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseDictionaryTest {

    @Test
    void phrasesThatNormaliseAlikeWithinAListCountOnce() {
        PhraseDictionary dictionary = new PhraseDictionary(
                List.of(PhraseList.of("guaranteed-return", "guaranteed yield", List.of("保证收益", "保證收益", "保 证 收 益"))));

        assertThat(dictionary.phraseCount()).isEqualTo(1);
        assertThat(new PhraseMatcher(dictionary).scan("保證收益"))
                .singleElement()
                .extracting(PhraseMatch::phrase)
                .isEqualTo("保证收益");
    }

    @Test
    void rejectsRulesWithNothingToMatch() {
        assertThatThrownBy(() -> new PhraseDictionary(List.of(PhraseList.of("l", "f", List.of("保本", "！！")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("phrase \"！！\"");
        assertThatThrownBy(() ->
                        new PhraseDictionary(List.of(new PhraseList("l", "f", List.of("保本"), List.of(" "), List.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negation");
    }

    @Test
    void rejectsAnExclusionThatEqualsAPhrase() {
        assertThatThrownBy(() -> new PhraseDictionary(
                        List.of(new PhraseList("l", "f", List.of("保障"), List.of(), List.of("保 障")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("silence");
    }

    @Test
    void phraseListValidatesAndCopiesItsInput() {
        assertThatThrownBy(() -> PhraseList.of(" ", "f", List.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhraseList.of("l", "f", List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PhraseList.of("l", "f", Arrays.asList("x", null)))
                .isInstanceOf(NullPointerException.class);

        PhraseList list = new PhraseList("l", "f", List.of("x"), null, null);
        assertThat(list.negations()).isEmpty();
        assertThat(list.exclusions()).isEmpty();
    }

    @Test
    void entriesSharingAListIdKeepTheirOwnRules() {
        PhraseDictionary dictionary = new PhraseDictionary(List.of(
                new PhraseList("claims", "a", List.of("保本"), List.of("不"), List.of()),
                new PhraseList("claims", "b", List.of("保息"), List.of(), List.of())));
        PhraseMatcher matcher = new PhraseMatcher(dictionary);

        assertThat(matcher.scan("不保本")).isEmpty();
        assertThat(matcher.scan("不保息")).extracting(PhraseMatch::family).containsExactly("b");
    }
}
