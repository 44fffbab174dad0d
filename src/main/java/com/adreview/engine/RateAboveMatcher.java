package com.adreview.engine;

import com.adreview.check.StatedRate;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.List;

/**
 * A stated rate, annualised, above the threshold a CEL expression gives (0.24 = 24 % a year):
 * {@code rateAbove: params.maxAnnualRate}.
 */
public record RateAboveMatcher(String expression, CelEnvironment.Expression threshold, List<String> fields)
        implements ContentMatcher {

    public static final Kind KIND = new Kind() {
        @Override
        public String key() {
            return "rateAbove";
        }

        @Override
        public ContentMatcher read(RuleSource rule, List<String> fields) {
            if (rule.content().rates() == null) {
                rule.problem(key(), "no rateKeywords in " + ContentDictionary.DIRECTORY + "/ to find rates with");
            }
            String expression = rule.requiredString(key()).orElse(null);
            CelEnvironment.Expression threshold =
                    expression == null ? null : rule.compile(key(), expression, SimpleType.DOUBLE);
            return threshold == null ? null : new RateAboveMatcher(expression, threshold, fields);
        }
    };

    public RateAboveMatcher {
        fields = List.copyOf(fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) throws CelEvaluationException {
        double limit = thresholdFor(variables);
        List<ContentScan.Hit> hits = new ArrayList<>();
        for (String f : fields) {
            for (StatedRate rate : copy.field(f).rates()) {
                if (rate.annual() > limit) {
                    hits.add(new ContentScan.Hit(f, rate.rawStart(), rate.rawEnd(), rate.rawText(), describe(rate)));
                }
            }
        }
        return hits;
    }

    @Override
    public List<CelEnvironment.Expression> expressions() {
        return List.of(threshold);
    }

    @Override
    public void evaluate(PolicyVariables variables) throws CelEvaluationException {
        thresholdFor(variables);
    }

    double thresholdFor(CelVariableResolver variables) throws CelEvaluationException {
        Object value = threshold.eval(variables);
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalStateException("rateAbove gave " + value + ", not a number");
    }

    private static String describe(StatedRate rate) {
        // Two decimals of a percentage, without trailing zeros: 0.365 → "36.5", 0.24 → "24".
        long hundredths = Math.round(rate.annual() * 10_000);
        String percent = hundredths % 100 == 0
                ? Long.toString(hundredths / 100)
                : (hundredths % 10 == 0
                        ? Long.toString(hundredths / 100) + "." + (hundredths % 100) / 10
                        : String.format(java.util.Locale.ROOT, "%d.%02d", hundredths / 100, hundredths % 100));
        return "“" + rate.rawText() + "” = " + percent + " % a year";
    }
}
