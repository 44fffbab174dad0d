package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Packs;
import com.adreview.testing.TestPackages;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The direct evaluation of conditions must give exactly what CEL's interpreter gives: the same
 * value, or the same error. Checked here operator by operator on awkward values; decision by decision
 * on the shipped pack in {@link DirectEvaluationPackTest}.
 */
class DirectEvaluationTest {

    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    private static PolicyPack direct;

    @BeforeAll
    static void loadPack() throws Exception {
        direct = Packs.shipped();
    }

    /** Values of every type a parameter or field can hold, with the edge cases of each. */
    private static final List<Object> VALUES = List.of(
            0L,
            1L,
            -1L,
            24L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            0.0,
            -0.0,
            0.24,
            24.0,
            1.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            9.223372036854776E18,
            -9.223372036854776E18,
            1e19,
            "",
            "a",
            "b",
            "CNY",
            true,
            false,
            List.of("a"),
            Map.of("amount", 1.0));

    private static final List<String> EXPRESSIONS = List.of(
            "params.x == params.y",
            "params.x != params.y",
            "params.x == params.x",
            "params.x < params.y",
            "params.x <= params.y",
            "params.x > params.y",
            "params.x >= params.y",
            "params.x + params.y",
            "params.x * params.y",
            "!params.x",
            "params.x && params.y",
            "params.x || params.y",
            "params.x ? params.y : 1",
            "string(params.x)",
            "string(params.x) + ' and ' + string(params.y)",
            "string(params.x * 100.0)",
            "1 < params.y",
            "1.5 >= params.y",
            "'a' == params.y",
            "params.x < 2 && params.y",
            "params.x == 'CNY' || params.y > 0",
            "has(params.x.amount)",
            "params.x.amount < params.y",
            "params.missing == params.x",
            "isBlank(params.x)",
            "sameEntity(params.x, params.y)",
            "fullMonthsBetween(params.x, params.y) < 12",
            "hostCoveredBy(hostOf(params.x), params.y)");

    static Stream<String> expressions() {
        return EXPRESSIONS.stream();
    }

    @ParameterizedTest
    @MethodSource("expressions")
    void operatorsGiveTheInterpretersValueOrError(String expression) throws Exception {
        CelEnvironment cel = new CelEnvironment(Set.of("x", "y", "missing"));
        CelEnvironment.Expression compiled = compileAnyType(cel, expression);
        for (Object x : VALUES) {
            for (Object y : VALUES) {
                Map<String, Object> params = new HashMap<>();
                params.put("x", x);
                params.put("y", y);
                PolicyVariables variables = variables(params);
                assertThat(outcome(() -> compiled.eval(variables)))
                        .as("%s with x=%s, y=%s", expression, x, y)
                        .isEqualTo(outcome(() -> compiled.evalWithInterpreter(variables)));
            }
        }
    }

    private static CelEnvironment.Expression compileAnyType(CelEnvironment cel, String expression) {
        for (CelType type : List.of(SimpleType.BOOL, SimpleType.STRING, SimpleType.INT, SimpleType.DOUBLE)) {
            try {
                return cel.compile(expression, type);
            } catch (CelEnvironment.InvalidExpression e) {
                // try the next result type
            }
        }
        throw new IllegalArgumentException(expression + " does not compile");
    }

    @Test
    void everyExpressionOfTheShippedPackHasADirectForm() {
        // Not needed for correctness (the interpreter takes the rest), but it is why decisions are fast.
        for (PolicyRule rule : direct.rules()) {
            if (rule.condition() != null) {
                assertThat(rule.condition().isDirect()).as(rule.id()).isTrue();
            }
            if (rule.messageExpression() != null) {
                assertThat(rule.messageExpression().isDirect()).as(rule.id()).isTrue();
            }
            if (rule.matcher() != null) {
                assertThat(rule.matcher().expressions()).as(rule.id()).allMatch(CelEnvironment.Expression::isDirect);
            }
        }
    }

    private static PolicyVariables variables(Map<String, Object> params) {
        return new PolicyVariables(
                PolicyInput.document(TestPackages.example("01-approved-p2p").build()),
                params,
                "2026-11-22",
                new EvaluationContext(NOW),
                false);
    }

    /** A value or an error, comparable: the error's class and message stand for it. */
    private static Object outcome(Evaluation evaluation) {
        try {
            Object value = evaluation.run();
            return value instanceof Double d && d.isNaN() ? "NaN" : value;
        } catch (CelEvaluationException | RuntimeException e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private interface Evaluation {
        Object run() throws CelEvaluationException;
    }
}
