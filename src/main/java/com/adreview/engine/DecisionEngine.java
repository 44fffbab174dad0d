package com.adreview.engine;

import dev.cel.runtime.CelEvaluationException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The decision as a pure function of the package, its context and the policy pack: no I/O, no
 * clock, no shared state. The same inputs always give the same decision, so any stored decision
 * can be replayed.
 */
public final class DecisionEngine {

    /**
     * Evaluates every rule of the pack that applies to the package's category, in pack order; then the
     * pack's learned second opinion, if it has one, which may only add escalations.
     */
    public Decision evaluate(AdPackage ad, EvaluationContext context, PolicyPack pack) {
        Map<String, Object> document = PolicyInput.document(ad);
        PolicyVariables variables = new PolicyVariables(
                document,
                pack.parametersOf(ad.category()),
                LocalDate.ofInstant(context.now(), pack.timeZone()).toString(),
                context,
                context.suspendedCategories().contains(ad.category()));
        ContentScan content = new ContentScan(document, pack.content());
        List<Finding> findings = new ArrayList<>();
        for (PolicyRule rule : pack.rules()) {
            if (!rule.appliesTo(ad.category())) {
                continue;
            }
            try {
                List<ContentScan.Hit> hits = rule.matcher() == null ? null : content.find(rule.matcher(), variables);
                if ((hits != null && hits.isEmpty()) || !rule.holds(variables)) {
                    continue;
                }
                findings.add(new Finding(
                        rule.topic(),
                        rule.id(),
                        rule.outcome(),
                        message(rule, variables, hits),
                        rule.citation(),
                        hits == null
                                ? evidence(rule.evidenceFields(), document)
                                : evidence(hits, rule.evidenceFields(), document)));
            } catch (CelEvaluationException | IllegalStateException e) {
                findings.add(unevaluable(rule, e, document));
            }
        }
        if (pack.learned() != null) {
            // After every rule: it speaks only of topics no rule found, and only to escalate.
            findings.addAll(pack.learned().secondOpinion(content, findings));
        }
        return new Decision(pack.version(), context.now(), findings);
    }

    /**
     * A rule that cannot be evaluated on this package must not pass it silently, nor reject it for a
     * fault of the pack: a human looks at it.
     */
    private static Finding unevaluable(PolicyRule rule, Exception e, Map<String, Object> document) {
        Outcome outcome = rule.outcome() == Outcome.WARN ? Outcome.WARN : Outcome.ESCALATE;
        return new Finding(
                rule.topic(),
                rule.id(),
                outcome,
                "The rule could not be evaluated on this package (" + e.getMessage() + "); a reviewer must decide.",
                rule.citation(),
                evidence(rule.evidenceFields(), document));
    }

    /** The rule's message, naming what was found: the phrase families, the rates, the signs. */
    private static String message(PolicyRule rule, PolicyVariables variables, List<ContentScan.Hit> hits) {
        String message = rule.messageFor(variables);
        if (hits == null) {
            return message;
        }
        return withLabels(message, hits);
    }

    /**
     * The message followed by the hits' labels, each once, in the order first found: {@code message +
     * " Found: " + String.join("; ", labels) + "."} with the labels in a LinkedHashSet, without the set (a
     * rule has a few hits, so a scan of those before is cheaper).
     */
    static String withLabels(String message, List<ContentScan.Hit> hits) {
        StringBuilder out =
                new StringBuilder(message.length() + 64).append(message).append(" Found: ");
        for (int i = 0; i < hits.size(); i++) {
            String label = hits.get(i).label();
            boolean seen = false;
            for (int j = 0; j < i && !seen; j++) {
                seen = Objects.equals(hits.get(j).label(), label);
            }
            if (!seen) {
                if (i > 0) {
                    out.append("; ");
                }
                out.append(label);
            }
        }
        return out.append('.').toString();
    }

    private static List<Evidence> evidence(
            List<ContentScan.Hit> hits, List<String> fields, Map<String, Object> document) {
        List<Evidence> out = new ArrayList<>(hits.size() + fields.size());
        for (int i = 0; i < hits.size(); i++) {
            out.add(hits.get(i).evidence());
        }
        addEvidence(fields, document, out);
        return out;
    }

    private static List<Evidence> evidence(List<String> fields, Map<String, Object> document) {
        List<Evidence> out = new ArrayList<>(fields.size());
        addEvidence(fields, document, out);
        return out;
    }

    private static void addEvidence(List<String> fields, Map<String, Object> document, List<Evidence> out) {
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            Object value = PolicyInput.valueAt(document, field);
            if (value instanceof String s) {
                out.add(Evidence.wholeField(field, s));
            } else if (value instanceof Map<?, ?> money) {
                out.add(Evidence.value(field, plain(money.get("amount")) + " " + money.get("currency")));
            } else if (value instanceof Collection<?> list) {
                out.add(Evidence.value(field, list.stream().map(String::valueOf).collect(Collectors.joining(", "))));
            } else if (value != null) {
                out.add(Evidence.value(field, plain(value)));
            } else {
                out.add(Evidence.value(field, ""));
            }
        }
    }

    /** A number as written, whatever its size: "1000000" and "0.0000001", not "1000000.0" or "1.0E-7". */
    private static String plain(Object number) {
        return number instanceof Double d
                ? new java.math.BigDecimal(d.toString()).stripTrailingZeros().toPlainString()
                : String.valueOf(number);
    }
}
