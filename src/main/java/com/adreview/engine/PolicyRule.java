package com.adreview.engine;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelVariableResolver;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A compiled rule of the pack: when its condition holds for a package of a category it applies to
 * (and, for a content rule, its matcher found something), it yields a finding with its topic and
 * outcome.
 *
 * @param condition the compiled {@code when}; null for a content rule without one
 * @param matcher what the rule looks for in the ad copy; null for a rule on the package's fields
 * @param evidenceFields fields of the package quoted as evidence when the rule fires
 * @param source where the rule is declared, {@code file:line}
 */
public record PolicyRule(
        String id,
        Topic topic,
        Outcome outcome,
        Set<Category> appliesTo,
        String when,
        CelEnvironment.Expression condition,
        ContentMatcher matcher,
        String message,
        CelEnvironment.Expression messageExpression,
        String citation,
        List<String> evidenceFields,
        String source) {

    public PolicyRule {
        // An EnumSet: the check runs for every rule of every decision.
        appliesTo = appliesTo.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(appliesTo));
        evidenceFields = List.copyOf(evidenceFields);
    }

    public boolean appliesTo(Category category) {
        return appliesTo.contains(category);
    }

    /** Whether the condition holds; an evaluation error is reported, never swallowed. */
    public boolean holds(CelVariableResolver variables) throws CelEvaluationException {
        if (condition == null) {
            return true;
        }
        Object result = condition.eval(variables);
        if (result instanceof Boolean b) {
            return b;
        }
        // An unbound variable (a parameter the category lacks, an absent field read without has())
        // evaluates to "unknown", not to an error: it must not read as "does not fire".
        throw new IllegalStateException("condition gave " + result + " instead of true or false");
    }

    /** The message for a firing, from {@code messageExpression} when it has one that evaluates. */
    public String messageFor(CelVariableResolver variables) {
        if (messageExpression != null) {
            try {
                Object text = messageExpression.eval(variables);
                if (text instanceof String s && !s.isBlank()) {
                    return s;
                }
            } catch (CelEvaluationException e) {
                // The static message is the documented fallback: a message must never cost the finding.
                return message;
            }
        }
        return message;
    }
}
