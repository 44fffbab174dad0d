package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhraseMatcherTest {

    private static final List<String> NEGATIONS =
            List.of("不", "非", "无法", "不能", "不承诺", "不保证", "not", "no", "never", "without");

    private static final PhraseDictionary DICTIONARY = new PhraseDictionary(List.of(
            new PhraseList(
                    "guaranteed-return",
                    "capital guarantee",
                    List.of("保本", "保本保息", "无风险", "稳赚", "稳赚不赔", "guaranteed returns", "risk-free"),
                    NEGATIONS,
                    List.of("无风险提示")),
            new PhraseList("guaranteed-return", "guaranteed yield", List.of("保证收益", "保證收益"), NEGATIONS, List.of()),
            new PhraseList("insurance-claims", "coverage promise", List.of("保障"), List.of("不"), List.of("保障范围")),
            PhraseList.of("private-contact", "off-platform contact", List.of("加微信", "weixin", "wechat", "加v"))));

    private final PhraseMatcher matcher = new PhraseMatcher(DICTIONARY);

    @ParameterizedTest(name = "[{index}] {0} finds {1}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            本产品保　本，放心投             | 保本
            全角ｗｅｉｘｉｎ联系              | weixin
            保 本理财                         | 保本
            保.本理财                         | 保本
            速度加-微-信咨询                  | 加微信
            保\u200b本                        | 保本
            年化保證收益8%                    | 保证收益
            穩賺不賠的好項目                  | 稳赚不赔
            加微信领取                        | 加微信
            扫码加 V 了解                     | 加v
            联系w\u0435chat获取               | wechat
            Add us on WeChat                  | wechat
            100% GUARANTEED RETURNS!          | guaranteedreturns
            """)
    void catchesEvasions(String raw, String normalizedPhrase) {
        List<PhraseMatch> matches = matcher.scan(raw);

        assertThat(matches).extracting(PhraseMatch::normalizedPhrase).contains(normalizedPhrase);
        PhraseMatch match = matches.stream()
                .filter(m -> m.normalizedPhrase().equals(normalizedPhrase))
                .findFirst()
                .orElseThrow();
        assertThat(match.rawText()).isEqualTo(raw.substring(match.rawStart(), match.rawEnd()));
        assertThat(TextNormalizer.standard().normalize(match.rawText()).text()).isEqualTo(normalizedPhrase);
    }

    @Test
    void rawEvidenceIncludesTheDisguise() {
        PhraseMatch match = matcher.scan("本金保\u200b本哦").get(0);

        assertThat(match.phrase()).isEqualTo("保本");
        assertThat(match.rawText()).isEqualTo("保\u200b本");
        assertThat(match.rawStart()).isEqualTo(2);
        assertThat(match.rawEnd()).isEqualTo(5);
        assertThat(match.normStart()).isEqualTo(2);
        assertThat(match.normEnd()).isEqualTo(4);
    }

    @Test
    void reportsTheListFamilyAndPhraseAsWritten() {
        PhraseMatch match = matcher.scan("保证收益").get(0);

        assertThat(match.listId()).isEqualTo("guaranteed-return");
        assertThat(match.family()).isEqualTo("guaranteed yield");
        assertThat(match.phrase()).isEqualTo("保证收益");
    }

    @Test
    void negatedClaimsDoNotFire() {
        assertThat(matcher.scan("不保本、不保证收益")).isEmpty();
        assertThat(matcher.scan("本产品不承诺保本，无法保证收益")).isEmpty();
        assertThat(matcher.scan("Returns are not guaranteed returns; never risk-free."))
                .isEmpty();
    }

    @Test
    void negationMustDirectlyPrecedeWithinTheSameClause() {
        assertThat(matcher.scan("亏损？不，保本！")).extracting(PhraseMatch::phrase).containsExactly("保本");
        assertThat(matcher.scan("Losses? No. Guaranteed returns!"))
                .extracting(PhraseMatch::phrase)
                .containsExactly("guaranteed returns");
        assertThat(matcher.scan("不仅保本")).extracting(PhraseMatch::phrase).containsExactly("保本");
    }

    @Test
    void latinNegationMustStartAWord() {
        assertThat(matcher.scan("casino guaranteed returns"))
                .extracting(PhraseMatch::phrase)
                .containsExactly("guaranteed returns");
        assertThat(matcher.scan("我们no guaranteed returns")).isEmpty();
    }

    @Test
    void aLatinNegationAtTheStartOfTheTextOrAfterOnlyHiddenCharsStartsAWord() {
        assertThat(matcher.scan("no guaranteed returns")).isEmpty();
        assertThat(matcher.scan("\u200bno guaranteed returns")).isEmpty();
        assertThat(matcher.scan("\u200b\u200bnever risk-free")).isEmpty();
    }

    @Test
    void aDotFollowedDirectlyByTheTermIsNoSentenceStop() {
        assertThat(matcher.scan("不.保本")).isEmpty();
        assertThat(matcher.scan("不. 保本")).extracting(PhraseMatch::phrase).containsExactly("保本");
    }

    @Test
    void aOneCharPhraseAtTheStartOfTheTextStartsAtZero() {
        PhraseMatcher single = new PhraseMatcher(
                new PhraseDictionary(List.of(PhraseList.of("contact", "contact", List.of("v", "加v")))));

        assertThat(single.scan("v信"))
                .extracting(PhraseMatch::phrase, PhraseMatch::normStart, PhraseMatch::normEnd, PhraseMatch::rawEnd)
                .containsExactly(tuple("v", 0, 1, 1));
        assertThat(single.scan("加v"))
                .extracting(PhraseMatch::phrase, PhraseMatch::normStart, PhraseMatch::normEnd)
                .containsExactly(tuple("加v", 0, 2));
    }

    @Test
    void aMatchRefusesSpansOutsideItsText() {
        assertThat(match(0, 1, 0, 3).rawText()).isEqualTo("abc");
        assertThatThrownBy(() -> match(-1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> match(1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> match(0, 1, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> match(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> match(0, 1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    private static PhraseMatch match(int normStart, int normEnd, int rawStart, int rawEnd) {
        return new PhraseMatch("l", "f", "abc", "abc", normStart, normEnd, rawStart, rawEnd, "abc");
    }

    @Test
    void exclusionsSuppressInnocentLongerTerms() {
        assertThat(matcher.scan("请阅读无风险提示")).isEmpty();
        assertThat(matcher.scan("保障范围详见条款")).isEmpty();
        assertThat(matcher.scan("无风险提示之外，另有无风险产品"))
                .extracting(PhraseMatch::phrase)
                .containsExactly("无风险");
    }

    @Test
    void riskWarningFiresNothing() {
        assertThat(matcher.scan("市场有风险，投资需谨慎")).isEmpty();
    }

    @Test
    void sameListKeepsOnlyTheLongestContainingMatch() {
        List<PhraseMatch> matches = matcher.scan("稳赚不赔，保本保息");

        assertThat(matches).extracting(PhraseMatch::phrase).containsExactly("稳赚不赔", "保本保息");
    }

    @Test
    void aPhraseEndingWhereALongerOneOfItsListEndsIsNotReportedInsideIt() {
        PhraseMatcher suffixes = new PhraseMatcher(
                new PhraseDictionary(List.of(PhraseList.of("sure-win", "sure win", List.of("稳赚不赔", "不赔")))));

        assertThat(suffixes.scan("稳赚不赔")).extracting(PhraseMatch::phrase).containsExactly("稳赚不赔");
        assertThat(suffixes.scan("不赔")).extracting(PhraseMatch::phrase).containsExactly("不赔");
    }

    @Test
    void anExclusionHoldingThePhraseInItsMiddleSilencesIt() {
        PhraseMatcher coverage = new PhraseMatcher(new PhraseDictionary(List.of(new PhraseList(
                "insurance-claims", "coverage promise", List.of("保障"), List.of(), List.of("医疗保障范围", "保障条款")))));

        assertThat(coverage.scan("医疗保障范围详见条款")).isEmpty();
        assertThat(coverage.scan("保障条款另附")).isEmpty();
        assertThat(coverage.scan("医疗保障范围之外，全面保障"))
                .extracting(PhraseMatch::phrase, PhraseMatch::rawStart)
                .containsExactly(tuple("保障", 11));
    }

    @Test
    void adjacentMatchesOfDifferentListsAreAllReported() {
        List<PhraseMatch> matches = matcher.scan("保本保障");

        assertThat(matches)
                .extracting(PhraseMatch::listId, PhraseMatch::phrase)
                .containsExactly(tuple("guaranteed-return", "保本"), tuple("insurance-claims", "保障"));
    }

    @Test
    void overlappingMatchesOfDifferentListsAreAllReportedWithTheirOwnSpans() {
        PhraseDictionary dictionary = new PhraseDictionary(List.of(
                PhraseList.of("fees", "fee", List.of("先交保证金")),
                PhraseList.of("guarantee", "guarantee", List.of("保证金额到账")),
                PhraseList.of("deposit", "deposit", List.of("交保"))));

        assertThat(new PhraseMatcher(dictionary).scan("请先交保证金额到账"))
                .extracting(PhraseMatch::listId, PhraseMatch::phrase, PhraseMatch::rawStart, PhraseMatch::rawEnd)
                .containsExactlyInAnyOrder(
                        tuple("fees", "先交保证金", 1, 6), tuple("deposit", "交保", 2, 4), tuple("guarantee", "保证金额到账", 3, 9));
    }

    @Test
    void overlappingButNotContainedMatchesOfOneListAreBothKept() {
        PhraseDictionary dictionary = new PhraseDictionary(List.of(PhraseList.of("l", "f", List.of("abc", "cde"))));

        assertThat(new PhraseMatcher(dictionary).scan("abcde"))
                .extracting(PhraseMatch::phrase)
                .containsExactly("abc", "cde");
    }

    @Test
    void repeatedOccurrencesAreEachReported() {
        assertThat(matcher.scan("保本！保本！保本！")).extracting(PhraseMatch::rawStart).containsExactly(0, 3, 6);
    }

    @Test
    void emptyAndPunctuationOnlyTextMatchesNothing() {
        assertThat(matcher.scan("")).isEmpty();
        assertThat(matcher.scan("，。！？")).isEmpty();
    }
}
