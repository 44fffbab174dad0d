package com.adreview.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;

/**
 * The CEL environment every policy condition is compiled in: the variables it may read and the
 * Java checks it may call. Conditions are type-checked against it once, at load.
 *
 * <ul>
 *   <li>{@code ad}: the package, field names as in the public contract. Strings and lists are always
 *       present (empty when not given); money, dates and rates only when given (test with {@code has()}).
 *   <li>{@code params}: the parameters of the package's category (defaults merged with the
 *       category's own), plus {@code params.category}.
 *   <li>{@code today}: the evaluation date ({@code YYYY-MM-DD}) in the pack's time zone.
 * </ul>
 */
final class CelEnvironment {

    static final String AD = "ad";
    static final String PARAMS = "params";
    static final String TODAY = "today";

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    CelEnvironment() {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(10_000)
                .build();
        PolicyFunctions functions = new PolicyFunctions();
        CelType document = MapType.create(SimpleType.STRING, SimpleType.DYN);
        this.compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(AD, document)
                .addVar(PARAMS, document)
                .addVar(TODAY, SimpleType.STRING)
                .addFunctionDeclarations(functions.declarations())
                .build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addFunctionBindings(functions.bindings())
                .build();
    }

    /** Compiles an expression that must yield the given type; the message says why it does not. */
    CelRuntime.Program compile(String expression, CelType resultType) throws InvalidExpression {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            if (!ast.getResultType().equals(resultType) && !ast.getResultType().equals(SimpleType.DYN)) {
                throw new InvalidExpression("must yield " + resultType.name() + ", yields "
                        + ast.getResultType().name());
            }
            return runtime.createProgram(ast);
        } catch (CelValidationException e) {
            throw new InvalidExpression(e.getMessage());
        } catch (CelEvaluationException e) {
            throw new InvalidExpression("cannot be planned: " + e.getMessage());
        }
    }

    /** Why an expression does not compile. */
    static final class InvalidExpression extends Exception {
        InvalidExpression(String message) {
            super(message);
        }
    }
}
