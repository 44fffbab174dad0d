package com.adreview.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.List;
import java.util.Set;

/**
 * What a content rule looks for in the ad copy. The copy is scanned once per decision for the whole
 * pack; a rule with a matcher fires when the scan found something of its kind in its fields (and its
 * {@code when}, if any, holds), and the findings' evidence is what was found.
 */
public sealed interface ContentMatcher {

    /** The text fields the rule looks at, by contract path. */
    List<String> fields();

    /** Phrases of the named lists of {@code phrases/}. */
    record Phrases(Set<String> lists, List<String> fields) implements ContentMatcher {
        public Phrases {
            lists = Set.copyOf(lists);
            fields = List.copyOf(fields);
        }
    }

    /** A stated rate, annualised, above the threshold the CEL expression gives (0.24 = 24 % a year). */
    record RateAbove(String expression, CelEnvironment.Expression threshold, List<String> fields)
            implements ContentMatcher {
        public RateAbove {
            fields = List.copyOf(fields);
        }

        public double thresholdFor(CelVariableResolver variables) throws CelEvaluationException {
            Object value = threshold.eval(variables);
            if (value instanceof Number n) {
                return n.doubleValue();
            }
            throw new IllegalStateException("rateAbove gave " + value + ", not a number");
        }
    }

    /** Invisible or direction-control characters, or words mixing scripts. */
    record Obfuscation(List<String> fields) implements ContentMatcher {
        public Obfuscation {
            fields = List.copyOf(fields);
        }
    }
}
