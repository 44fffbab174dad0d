package com.adreview.check;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds rates stated in ad copy ("年化36%", "日息0.1%", "月息 3%", "APR 36%", "日利率万分之五",
 * "年化7.2%–23.9%") and annualises them: a daily rate times 365, a monthly rate times 12. A range
 * counts at its maximum, because the cap applies to the highest rate charged.
 *
 * <p>Rate keywords are data (the pack's {@code phrases/rates.yaml}): phrase lists whose id is a
 * period ({@code YEAR}, {@code MONTH}, {@code DAY}), compiled into the same automaton as every other
 * phrase so the copy is scanned once; "日 息" or Traditional "年化" are found like any phrase. The
 * number is read from the normalised text right after the keyword, up to the next keyword, or, when
 * nothing follows, right before it ("36%年化收益").
 */
public final class RateExtractor {

    /** The period a rate is stated for, and how many of it make a year. */
    public enum Period {
        YEAR(1),
        MONTH(12),
        DAY(365);

        private final int perYear;

        Period(int perYear) {
            this.perYear = perYear;
        }

        public int perYear() {
            return perYear;
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final Map<String, BigDecimal> FRACTION_WORDS =
            Map.of("百分之", BigDecimal.ONE, "千分之", BigDecimal.valueOf(10), "万分之", HUNDRED);

    private final int window;

    /** @param window how many normalised characters around a keyword may hold its number */
    public RateExtractor(int window) {
        this.window = window;
    }

    /** The keyword list of a period, for the dictionary the copy is scanned with. */
    public static PhraseList keywords(Period period, List<String> keywords) {
        return PhraseList.of(period.name(), period.name().toLowerCase(java.util.Locale.ROOT) + " rate", keywords);
    }

    /**
     * Every rate stated in the text, in order, from the matches of a scan of it; matches of lists
     * that are not rate keywords are ignored.
     */
    public List<StatedRate> extract(NormalizedText text, List<PhraseMatch> matches) {
        List<PhraseMatch> found = new ArrayList<>();
        for (PhraseMatch m : matches) {
            if (isPeriod(m.listId())) {
                found.add(m);
            }
        }
        if (found.isEmpty()) {
            return List.of();
        }
        String t = text.text();
        List<StatedRate> rates = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            PhraseMatch k = found.get(i);
            if (i + 1 < found.size() && found.get(i + 1).normStart() < k.normEnd()) {
                continue; // an overlapping longer or later keyword speaks for this stretch
            }
            int nextKeyword = i + 1 < found.size() ? found.get(i + 1).normStart() : t.length();
            int previousKeyword = i > 0 ? found.get(i - 1).normEnd() : 0;
            Period period = Period.valueOf(k.listId());
            Number after = highestPercent(text, k.normEnd(), Math.min(nextKeyword, k.normEnd() + window));
            if (after != null) {
                rates.add(rate(text, period, after.value, k.normStart(), after.end));
                continue;
            }
            Number before = highestPercent(text, Math.max(previousKeyword, k.normStart() - window), k.normStart());
            if (before != null) {
                rates.add(rate(text, period, before.value, before.start, k.normEnd()));
            }
        }
        return rates;
    }

    private static boolean isPeriod(String listId) {
        for (Period p : Period.values()) {
            if (p.name().equals(listId)) {
                return true;
            }
        }
        return false;
    }

    private static StatedRate rate(NormalizedText text, Period period, BigDecimal percent, int normStart, int normEnd) {
        BigDecimal stated = percent.divide(HUNDRED, MathContext.DECIMAL64);
        BigDecimal annual =
                stated.multiply(BigDecimal.valueOf(period.perYear())).setScale(10, RoundingMode.HALF_UP);
        int rawStart = text.rawStart(normStart);
        int rawEnd = text.rawEnd(normEnd);
        return new StatedRate(
                period,
                stated.doubleValue(),
                annual.doubleValue(),
                rawStart,
                rawEnd,
                text.raw().substring(rawStart, rawEnd));
    }

    private static final String RANGE_DASHES = "-‐‑–—~～至到";

    /** A percentage found in the text: its value in percent and its normalised span. */
    private record Number(BigDecimal value, int start, int end) {}

    /** The highest percentage in [from, to): "36%", "0.1%", "百分之三十六", "万分之五". */
    private static Number highestPercent(NormalizedText text, int from, int to) {
        String t = text.text();
        Number best = null;
        int i = from;
        while (i < to) {
            Number n = percentAt(text, i, to);
            if (n == null) {
                i++;
                continue;
            }
            if (best == null || n.value.compareTo(best.value) > 0) {
                best = best == null ? n : new Number(n.value, Math.min(best.start, n.start), n.end);
            } else {
                best = new Number(best.value, best.start, n.end);
            }
            i = n.end;
        }
        return best;
    }

    private static Number percentAt(NormalizedText text, int i, int to) {
        String t = text.text();
        for (Map.Entry<String, BigDecimal> word : FRACTION_WORDS.entrySet()) {
            if (t.startsWith(word.getKey(), i)) {
                int at = i + word.getKey().length();
                Number n = asciiNumber(text, at, to);
                if (n == null) {
                    n = chineseNumber(t, at, to);
                }
                if (n != null) {
                    return new Number(n.value.divide(word.getValue(), MathContext.DECIMAL64), i, n.end);
                }
            }
        }
        if (!isDigit(t, i) || (i > 0 && ((isDigit(t, i - 1) && !rangeDash(text, i)) || t.charAt(i - 1) == '.'))) {
            return null;
        }
        Number n = asciiNumber(text, i, to);
        if (n != null && n.end < t.length() && n.end <= to && t.charAt(n.end) == '%') {
            return new Number(n.value, i, n.end + 1);
        }
        return null;
    }

    private static Number asciiNumber(NormalizedText text, int i, int to) {
        String t = text.text();
        int j = i;
        while (j < to && isDigit(t, j) && (j == i || !rangeDash(text, j))) {
            j++;
        }
        if (j == i) {
            return null;
        }
        if (j + 1 < to && t.charAt(j) == '.' && isDigit(t, j + 1)) {
            j++;
            while (j < to && isDigit(t, j)) {
                j++;
            }
        }
        return new Number(new BigDecimal(t.substring(i, j)), i, j);
    }

    /** Chinese numerals up to 九十九 with an optional 点 fraction: 五, 十二, 三十六, 零点五. */
    private static Number chineseNumber(String t, int i, int to) {
        String digits = "零一二三四五六七八九";
        int j = i;
        int value = 0;
        int pending = -1;
        while (j < to) {
            char c = t.charAt(j);
            int d = c == '两' ? 2 : digits.indexOf(c);
            if (d >= 0) {
                if (pending >= 0) {
                    break; // 九一万: a digit after a digit starts another number
                }
                pending = d;
            } else if (c == '十') {
                value += (pending < 0 ? 1 : pending) * 10;
                pending = -1;
            } else {
                break;
            }
            j++;
        }
        if (j == i) {
            return null;
        }
        BigDecimal number = BigDecimal.valueOf(value + Math.max(pending, 0));
        if (j + 1 < to && t.charAt(j) == '点' && digits.indexOf(t.charAt(j + 1)) >= 0) {
            StringBuilder fraction = new StringBuilder("0.");
            j++;
            while (j < to && digits.indexOf(t.charAt(j)) >= 0) {
                fraction.append(digits.indexOf(t.charAt(j)));
                j++;
            }
            number = number.add(new BigDecimal(fraction.toString()));
        }
        return new Number(number, i, j);
    }

    /**
     * Whether a range dash stood in the raw text just before normalised char {@code i}: normalisation
     * drops punctuation, so "7-9%" reads "79%" unless the dash is looked for where it was.
     */
    private static boolean rangeDash(NormalizedText text, int i) {
        String raw = text.raw();
        for (int r = text.rawEnd(i); r < text.rawStart(i); r++) {
            if (RANGE_DASHES.indexOf(raw.charAt(r)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDigit(String t, int i) {
        char c = t.charAt(i);
        return c >= '0' && c <= '9';
    }
}
