package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateExtractorTest {

    /** Rate keywords in a dictionary with another list, as in a pack: only the keywords count. */
    private static final PhraseMatcher SCAN = new PhraseMatcher(new PhraseDictionary(List.of(
            RateExtractor.keywords(RateExtractor.Period.YEAR, List.of("年化", "年利率", "年化收益率", "apr", "a year")),
            RateExtractor.keywords(RateExtractor.Period.MONTH, List.of("月息", "月利率")),
            RateExtractor.keywords(RateExtractor.Period.DAY, List.of("日息", "日利率")),
            PhraseList.of("no-risk", "no risk", List.of("无风险", "年化36")))));

    private static final RateExtractor RATES = new RateExtractor(12);

    private static List<StatedRate> rates(String raw) {
        NormalizedText text = TextNormalizer.standard().normalize(raw);
        return RATES.extract(text, SCAN.scan(text));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "日息0.1%                 | 0.365",
                "月息3%                   | 0.36",
                "年化36%                  | 0.36",
                "年化收益率高达36%         | 0.36",
                "年化利率7.2%-23.9%        | 0.239",
                "年化利率7.2%–36%以审批为准 | 0.36",
                "APR 35.9%                | 0.359",
                "最高36%的年化              | 0.36",
                "日利率万分之五            | 0.1825",
                "日息千分之一              | 0.365",
                "年化百分之三十六          | 0.36",
                "月息百分之二点五          | 0.3",
                "月息百分之两点五          | 0.3",
                "月息百分之零点五          | 0.06",
                "年化百分之十二            | 0.12",
                "年化百分之三点零五        | 0.0305",
                "日 息 ０.１ ％            | 0.365",
                "年化利率（单利）9.9%起     | 0.099",
                "12% a year               | 0.12",
            })
    void statedRatesAreAnnualised(String text, double annual) {
        assertThat(rates(text.strip())).singleElement().satisfies(r -> assertThat(r.annual())
                .isEqualTo(annual));
    }

    @Test
    void aRangeDashSeparatesTwoNumbersTheHigherOfWhichCounts() {
        assertThat(rates("年化7-9%")).singleElement().satisfies(r -> {
            assertThat(r.annual()).isEqualTo(0.09);
            assertThat(r.rawText()).isEqualTo("年化7-9%");
        });
        assertThat(rates("年化79%")).singleElement().satisfies(r -> assertThat(r.annual())
                .isEqualTo(0.79));
    }

    @Test
    void aKeywordDirectlyFollowedByAnotherReadsTheNumberBeforeIt() {
        assertThat(rates("36%年化日息")).singleElement().satisfies(r -> {
            assertThat(r.period()).isEqualTo(RateExtractor.Period.YEAR);
            assertThat(r.annual()).isEqualTo(0.36);
        });
    }

    @Test
    void aChineseZeroIsANumberOfItsOwn() {
        // 零五 is two numbers (a digit after a digit), so the rate is the 零; 零十 is no ten.
        assertThat(rates("月息百分之零五")).singleElement().satisfies(r -> assertThat(r.annual())
                .isZero());
        assertThat(rates("年化百分之零十")).singleElement().satisfies(r -> assertThat(r.annual())
                .isZero());
    }

    @Test
    void theWindowEndsANumberAndItsPercentSign() {
        // Window 12 after 年化 (normalised 0-2): up to normalised index 14, the '%' may stand at 14 itself.
        assertThat(rates("年化abcdefghij12%")).singleElement().satisfies(r -> assertThat(r.annual())
                .isEqualTo(0.12));
        // A decimal point at index 13 with its digits beyond the window: the number ends before the point.
        assertThat(rates("日息abcdefg万分之5.5")).singleElement().satisfies(r -> {
            assertThat(r.annual()).isEqualTo(0.1825);
            assertThat(r.rawText()).isEqualTo("日息abcdefg万分之5");
        });
        assertThat(rates("日息abcdefg万分之二点五")).singleElement().satisfies(r -> {
            assertThat(r.annual()).isEqualTo(0.073);
            assertThat(r.rawText()).isEqualTo("日息abcdefg万分之二");
        });
    }

    @Test
    void aPhraseOfAnotherListBeforeTheKeywordIsNotARate() {
        assertThat(rates("无风险，年化12%")).singleElement().satisfies(r -> {
            assertThat(r.period()).isEqualTo(RateExtractor.Period.YEAR);
            assertThat(r.annual()).isEqualTo(0.12);
            assertThat(r.rawText()).isEqualTo("年化12%");
        });
    }

    @Test
    void aNumberWithoutAPercentSignAtTheEndOfTheTextIsNoRate() {
        assertThat(rates("年化收益12")).isEmpty();
        assertThat(rates("年化收益12.5")).isEmpty();
    }

    @Test
    void theKeywordListOfAPeriodIsNamedAfterIt() {
        PhraseList list = RateExtractor.keywords(RateExtractor.Period.MONTH, List.of("月息", "月利率"));
        assertThat(list.listId()).isEqualTo("MONTH");
        assertThat(list.family()).isEqualTo("month rate");
        assertThat(list.phrases()).containsExactly("月息", "月利率");
    }

    @Test
    void twentyFourPercentIsExactlyTheCapNotAboveIt() {
        assertThat(rates("月息2%")).singleElement().satisfies(r -> assertThat(r.annual())
                .isEqualTo(0.24));
        assertThat(rates("年化24%")).singleElement().satisfies(r -> assertThat(r.annual())
                .isEqualTo(0.24));
    }

    @Test
    void eachKeywordReadsOnlyUpToTheNextKeyword() {
        List<StatedRate> found = rates("日利率0.02%年化7.3%");
        assertThat(found).extracting(StatedRate::annual).containsExactly(0.073, 0.073);
    }

    @Test
    void evidenceQuotesTheRawStatement() {
        String raw = "现在借款，日 息 0.1 %，当天到账";
        StatedRate rate = rates(raw).get(0);
        assertThat(raw.substring(rate.rawStart(), rate.rawEnd()))
                .isEqualTo(rate.rawText())
                .isEqualTo("日 息 0.1 %");
    }

    @Test
    void aKeywordWithoutANumberOrANumberWithoutAKeywordIsNoRate() {
        assertThat(rates("年化收益稳健，详见说明")).isEmpty();
        assertThat(rates("满100减36%")).isEmpty();
        assertThat(rates("")).isEmpty();
    }
}
