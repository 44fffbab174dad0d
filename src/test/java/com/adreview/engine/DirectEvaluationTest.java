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
import org.junit.jupiter.params.provider.Arguments;
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

    /** Marks a case the direct form must hand over to the interpreter. */
    private static final String HANDS_OVER = "hands over";

    /**
     * What the direct form decides by itself, without the interpreter: every plain case, with the
     * value CEL gives; and the cases it must hand over (mixed types, errors, unbound values), where
     * {@link CelEnvironment.Expression#eval} would hide a wrong answer behind the interpreter's.
     */
    static Stream<Arguments> directCases() {
        Double nan = Double.NaN;
        Map<String, Object> money = Map.of("amount", 1.0);
        return Stream.of(
                // equality: identity, strings, bools, ints, doubles; mixed types are the interpreter's
                Arguments.of("params.x == params.y", nan, nan, true),
                Arguments.of("params.x == params.y", Double.NaN, 0.0 / 0.0, false),
                Arguments.of("params.x == params.y", "a", new String("a"), true),
                Arguments.of("params.x == params.y", "a", "b", false),
                Arguments.of("params.x == params.y", true, Boolean.valueOf("true"), true),
                Arguments.of("params.x == params.y", true, false, false),
                Arguments.of("params.x == params.y", 1000L, Long.valueOf(1000L), true),
                Arguments.of("params.x == params.y", 1000L, 1001L, false),
                Arguments.of("params.x == params.y", 0.0, -0.0, true),
                Arguments.of("params.x == params.y", 0.5, 0.25, false),
                Arguments.of("params.x == params.y", 1L, 1.0, HANDS_OVER),
                Arguments.of("params.x == params.y", 1.0, 1L, HANDS_OVER),
                Arguments.of("params.x == params.y", "a", 1L, HANDS_OVER),
                Arguments.of("params.x == params.y", true, "true", HANDS_OVER),
                Arguments.of("params.x == params.y", List.of("a"), List.of("a"), HANDS_OVER),
                Arguments.of("params.x != params.y", "a", "b", true),
                Arguments.of("params.x != params.y", 2L, 2L, false),
                Arguments.of("params.x != params.y", 2L, 2.0, HANDS_OVER),
                // order: ints, doubles, int against double both ways, strings; at, below and above
                Arguments.of("params.x < params.y", 1L, 2L, true),
                Arguments.of("params.x < params.y", 2L, 2L, false),
                Arguments.of("params.x <= params.y", 2L, 2L, true),
                Arguments.of("params.x <= params.y", 3L, 2L, false),
                Arguments.of("params.x > params.y", 3L, 2L, true),
                Arguments.of("params.x > params.y", 2L, 2L, false),
                Arguments.of("params.x >= params.y", 2L, 2L, true),
                Arguments.of("params.x >= params.y", 1L, 2L, false),
                Arguments.of("params.x < params.y", 0.5, 0.75, true),
                Arguments.of("params.x < params.y", 0.75, 0.75, false),
                Arguments.of("params.x <= params.y", 0.75, 0.75, true),
                Arguments.of("params.x <= params.y", nan, 0.75, false),
                Arguments.of("params.x > params.y", 0.75, 0.5, true),
                Arguments.of("params.x > params.y", 0.75, 0.75, false),
                Arguments.of("params.x >= params.y", 0.75, 0.75, true),
                Arguments.of("params.x >= params.y", 0.5, 0.75, false),
                Arguments.of("params.x < params.y", 1L, 1.5, true),
                Arguments.of("params.x < params.y", 2L, 1.5, false),
                Arguments.of("params.x <= params.y", 2L, 2.0, true),
                Arguments.of("params.x > params.y", 2L, 1.5, true),
                Arguments.of("params.x >= params.y", 2L, 2.0, true),
                Arguments.of("params.x >= params.y", 1L, 1.5, false),
                Arguments.of("params.x < params.y", 1.5, 2L, true),
                Arguments.of("params.x < params.y", 2.5, 2L, false),
                Arguments.of("params.x <= params.y", 2.0, 2L, true),
                Arguments.of("params.x > params.y", 2.5, 2L, true),
                Arguments.of("params.x >= params.y", 2.0, 2L, true),
                Arguments.of("params.x >= params.y", 1.5, 2L, false),
                // beyond int64 a double is simply larger or smaller; NaN compares as larger
                Arguments.of("params.x > params.y", 1e19, Long.MAX_VALUE, true),
                Arguments.of("params.x > params.y", 9.223372036854775807E18, Long.MAX_VALUE, false),
                Arguments.of("params.x < params.y", -1e19, Long.MIN_VALUE, true),
                Arguments.of("params.x < params.y", -9.223372036854775808E18, Long.MIN_VALUE, false),
                Arguments.of("params.x < params.y", Long.MIN_VALUE, -1e19, false),
                Arguments.of("params.x > params.y", nan, 1L, true),
                Arguments.of("params.x < params.y", "a", "b", true),
                Arguments.of("params.x < params.y", "b", "a", false),
                Arguments.of("params.x <= params.y", "b", "b", true),
                Arguments.of("params.x > params.y", "ab", "a", true),
                Arguments.of("params.x >= params.y", "a", "ab", false),
                Arguments.of("params.x < params.y", "a", 1L, HANDS_OVER),
                Arguments.of("params.x < params.y", true, false, HANDS_OVER),
                // arithmetic; an int overflow is CEL's error
                Arguments.of("params.x + params.y", 2L, 3L, 5L),
                Arguments.of("params.x + params.y", Long.MAX_VALUE, 1L, HANDS_OVER),
                Arguments.of("params.x + params.y", 0.5, 0.25, 0.75),
                Arguments.of("params.x + params.y", "ab", "c", "abc"),
                Arguments.of("params.x + params.y", 1L, 0.5, HANDS_OVER),
                Arguments.of("params.x * params.y", 6L, 7L, 42L),
                Arguments.of("params.x * params.y", Long.MAX_VALUE, 2L, HANDS_OVER),
                Arguments.of("params.x * params.y", 0.5, 3.0, 1.5),
                Arguments.of("params.x * params.y", "a", 2L, HANDS_OVER),
                // logic: a plain bool on the left decides; anything else hands the whole over
                Arguments.of("!params.x", true, 0L, false),
                Arguments.of("!params.x", false, 0L, true),
                Arguments.of("!params.x", "a", 0L, HANDS_OVER),
                Arguments.of("params.x && params.y", false, "a", false),
                Arguments.of("params.x && params.y", true, false, false),
                Arguments.of("params.x && params.y", true, true, true),
                Arguments.of("params.x && params.y", true, "a", HANDS_OVER),
                Arguments.of("params.x && params.y", "a", false, HANDS_OVER),
                Arguments.of("params.x || params.y", true, "a", true),
                Arguments.of("params.x || params.y", false, true, true),
                Arguments.of("params.x || params.y", false, false, false),
                Arguments.of("params.x || params.y", false, 1L, HANDS_OVER),
                Arguments.of("params.x || params.y", 1L, true, HANDS_OVER),
                Arguments.of("params.x ? params.y : 1", true, 5L, 5L),
                Arguments.of("params.x ? params.y : 1", false, 5L, 1L),
                Arguments.of("params.x ? params.y : 1", "a", 5L, HANDS_OVER),
                // conversions, as cel-java writes them
                Arguments.of("string(params.x)", 24.0, 0L, "24.0"),
                Arguments.of("string(params.x)", 24L, 0L, "24"),
                Arguments.of("string(params.x)", false, 0L, "false"),
                Arguments.of("string(params.x)", "a", 0L, "a"),
                Arguments.of("string(params.x)", List.of("a"), 0L, HANDS_OVER),
                // map fields and has()
                Arguments.of("has(params.x.amount)", money, 0L, true),
                Arguments.of("has(params.x.currency)", money, 0L, false),
                Arguments.of("has(params.x.amount)", "a", 0L, HANDS_OVER),
                Arguments.of("params.x.amount < params.y", money, 2.0, true),
                Arguments.of("params.x.currency == params.y", money, "CNY", HANDS_OVER),
                Arguments.of("params.x.amount < params.y", "a", 2.0, HANDS_OVER),
                Arguments.of("params.missing == params.x", 1L, 0L, HANDS_OVER),
                // the pack's functions, through their bindings; one that throws is the interpreter's
                Arguments.of("isBlank(params.x)", " ", 0L, true),
                Arguments.of("isBlank(params.x)", "a", 0L, false),
                Arguments.of("sameEntity(params.x, params.y)", "A公司", "A公司", true),
                Arguments.of("fullMonthsBetween(params.x, params.y)", "2025-01-15", "2026-01-14", 11L),
                Arguments.of("fullMonthsBetween(params.x, params.y) < 12", "2025-01-15", "2026-01-15", false),
                Arguments.of("hostOf(params.x)", "https://www.Example.cn/a", 0L, "www.example.cn"),
                Arguments.of(
                        "hostCoveredBy(hostOf(params.x), params.y)",
                        "https://a.example.cn/",
                        List.of("example.cn"),
                        true),
                Arguments.of("isBlank(params.x)", 1L, 0L, HANDS_OVER),
                Arguments.of("hostCoveredBy(params.x, params.y)", "a.cn", List.of(1L), HANDS_OVER),
                Arguments.of("plural(params.x, 'complaint', 'complaints')", 1L, 0L, "1 complaint"),
                Arguments.of("plural(params.x, 'complaint', 'complaints')", 3L, 0L, "3 complaints"),
                Arguments.of("money('CNY', params.x)", 30000.0, 0L, "CNY 30,000"),
                Arguments.of("money('CNY', params.x)", 30000L, 0L, "CNY 30,000"),
                Arguments.of("number(params.x)", 24.5, 0L, "24.5"),
                Arguments.of("number(params.x)", 1000L, 0L, "1,000"),
                Arguments.of("icpKind(params.x)", "京ICP证160221号", 0L, "LICENCE"),
                Arguments.of("creditCodeWellFormed(params.x)", "91110108558521630L", 0L, true),
                Arguments.of("creditCodeCheckValid(params.x)", "91110108558521630L", 0L, true),
                Arguments.of("creditCodeCheckValid(params.x)", "91110108558521631L", 0L, false),
                Arguments.of("individualBusiness(params.x)", "92110108558521630X", 0L, true),
                Arguments.of("containsAnyPhrase(params.x, params.y)", "保本保息", List.of("保息"), true));
    }

    @ParameterizedTest
    @MethodSource("directCases")
    void theDirectFormDecidesPlainValuesItselfAndHandsOverTheRest(String expression, Object x, Object y, Object value)
            throws Exception {
        CelEnvironment cel = new CelEnvironment(Set.of("x", "y", "missing"));
        CelEnvironment.Expression compiled = compileAnyType(cel, expression);
        assertThat(compiled.isDirect()).as(expression).isTrue();
        Map<String, Object> params = new HashMap<>();
        params.put("x", x);
        params.put("y", y);
        PolicyVariables variables = variables(params);
        Object direct = compiled.evalDirectly(variables);
        if (value == HANDS_OVER) {
            assertThat(direct)
                    .as("%s with x=%s, y=%s", expression, x, y)
                    .isSameAs(CelEnvironment.DirectEvaluation.UNDECIDED);
        } else {
            assertThat(direct).as("%s with x=%s, y=%s", expression, x, y).isEqualTo(value);
            assertThat(outcome(() -> compiled.evalWithInterpreter(variables))).isEqualTo(value);
        }
    }

    @Test
    void anExpressionOutsideTheSubsetHasNoDirectFormAndAlwaysHandsOver() throws Exception {
        CelEnvironment cel = new CelEnvironment(Set.of("x", "y"));
        for (String expression : List.of(
                "params.x in ['a']", "size(params.x) > 0", "params.x.startsWith('a')", "[1, 2].exists(v, v > 1)")) {
            CelEnvironment.Expression compiled = compileAnyType(cel, expression);
            assertThat(compiled.isDirect()).as(expression).isFalse();
            assertThat(compiled.evalDirectly(variables(Map.<String, Object>of("x", "a", "y", "b"))))
                    .isSameAs(CelEnvironment.DirectEvaluation.UNDECIDED);
        }
        // Without direct evaluation, nothing has a direct form.
        CelEnvironment interpreterOnly = new CelEnvironment(Set.of("x", "y"), false);
        assertThat(compileAnyType(interpreterOnly, "params.x == params.y").isDirect())
                .isFalse();
    }

    @Test
    void theDirectFormReadsFieldsAndParametersFromAnyResolverAndDecidesThemItself() throws Exception {
        // Intake resolves with PolicyVariables, whose fields and parameters the direct form reads without a
        // lookup by name; any other resolver is asked by name. Both must give the package's own values, decided
        // by the direct form (not handed over), and the same as the interpreter.
        CelEnvironment cel = new CelEnvironment(Set.of("x"));
        CelEnvironment.Expression compiled = cel.compile("ad.icp.number == params.x", SimpleType.BOOL);
        assertThat(compiled.isDirect()).isTrue();
        String number = "京ICP证160221号"; // example 01's licence
        for (String x : List.of(number, "京ICP证000000号")) {
            boolean same = x.equals(number);
            PolicyVariables policy = variables(Map.of("x", x));
            Map<String, Object> byName = Map.of("ad.icp.number", number, "params.x", x);
            dev.cel.runtime.CelVariableResolver plain = name -> java.util.Optional.ofNullable(byName.get(name));
            assertThat(compiled.evalDirectly(policy))
                    .as("PolicyVariables, x=%s", x)
                    .isEqualTo(same);
            assertThat(compiled.evalDirectly(plain)).as("by name, x=%s", x).isEqualTo(same);
            assertThat(compiled.evalWithInterpreter(plain)).isEqualTo(same);
            assertThat(compiled.evalWithInterpreter(policy)).isEqualTo(same);
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
