package com.adreview.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CEL environment every policy condition is compiled in: the variables it may read and the
 * Java checks it may call. Conditions are type-checked against it once, at load.
 *
 * <ul>
 *   <li>{@code ad}: the package, field names as in the public contract. Strings and lists are always
 *       present (empty when not given); money, dates and rates only when given (test with {@code has()}).
 *       Every field is also declared as a typed variable of its own ({@code ad.icp.number} is a string),
 *       so conditions are type-checked against the contract and each read is one lookup.
 *   <li>{@code params}: the parameters of the package's category (defaults merged with the
 *       category's own), plus {@code params.category}; each is declared as {@code params.<name>}.
 *   <li>{@code today}: the evaluation date ({@code YYYY-MM-DD}) in the pack's time zone.
 *   <li>{@code complaints.count}, {@code .regulator}, {@code .police}, {@code .amount}: the entity's
 *       complaints received in the last {@code params.complaintWindowDays} days, the amounts summed in
 *       {@code params.complaintCurrency}.
 *   <li>{@code categorySuspended}: whether an operator has suspended the package's category.
 * </ul>
 */
final class CelEnvironment {

    static final String AD = "ad";
    static final String PARAMS = "params";
    static final String TODAY = "today";
    static final String COMPLAINTS = "complaints";
    static final String CATEGORY_SUSPENDED = "categorySuspended";

    private static final CelType DOCUMENT = MapType.create(SimpleType.STRING, SimpleType.DYN);
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    /** The package's objects and fields as variables, with their types. */
    private static final Map<String, CelType> AD_VARIABLES = adVariables();

    /** For each package variable, the keys leading to its value in the package document. */
    static final Map<String, String[]> AD_PATHS = AD_VARIABLES.keySet().stream()
            .collect(Collectors.toUnmodifiableMap(
                    name -> name,
                    name -> name.equals(AD)
                            ? new String[0]
                            : name.substring(AD.length() + 1).split("\\.")));

    private final CelCompiler compiler;
    private final CelRuntime runtime;

    /** @param parameterNames every parameter some category of the pack defines */
    CelEnvironment(Set<String> parameterNames) {
        CelOptions options = CelOptions.current()
                .enableHeterogeneousNumericComparisons(true)
                .comprehensionMaxIterations(10_000)
                .build();
        PolicyFunctions functions = new PolicyFunctions();
        CelCompilerBuilder builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar(PARAMS, DOCUMENT)
                .addVar(TODAY, SimpleType.STRING)
                .addFunctionDeclarations(functions.declarations());
        AD_VARIABLES.forEach(builder::addVar);
        for (String count : List.of("count", "regulator", "police")) {
            builder.addVar(COMPLAINTS + "." + count, SimpleType.INT);
        }
        builder.addVar(COMPLAINTS + ".amount", SimpleType.DOUBLE);
        builder.addVar(CATEGORY_SUSPENDED, SimpleType.BOOL);
        parameterNames.forEach(name -> builder.addVar(PARAMS + "." + name, SimpleType.DYN));
        this.compiler = builder.build();
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

    private static Map<String, CelType> adVariables() {
        Map<String, CelType> v = new LinkedHashMap<>();
        v.put(AD, DOCUMENT);
        for (String f : List.of("adId", "category", "riskWarning")) {
            v.put(AD + "." + f, SimpleType.STRING);
        }
        v.put(AD + ".placements", STRINGS);
        for (String object : List.of("advertiser", "icp", "product", "creative")) {
            v.put(AD + "." + object, DOCUMENT);
        }
        // Optional fields (money, dates, rates) stay selections on their object, so has() can test them.
        for (String f : List.of("accountId", "legalName", "creditCode", "address")) {
            v.put(AD + ".advertiser." + f, SimpleType.STRING);
        }
        for (String money : List.of("registeredCapital", "paidInCapital")) {
            v.put(AD + ".advertiser." + money + ".amount", SimpleType.DOUBLE);
            v.put(AD + ".advertiser." + money + ".currency", SimpleType.STRING);
        }
        v.put(AD + ".icp.number", SimpleType.STRING);
        v.put(AD + ".icp.holder", SimpleType.STRING);
        v.put(AD + ".icp.domains", STRINGS);
        for (String f : List.of("name", "domain", "appId")) {
            v.put(AD + ".product." + f, SimpleType.STRING);
        }
        for (String f : List.of("headline", "body", "callToAction", "landingUrl")) {
            v.put(AD + ".creative." + f, SimpleType.STRING);
        }
        return Map.copyOf(v);
    }

    /** Why an expression does not compile. */
    static final class InvalidExpression extends Exception {
        InvalidExpression(String message) {
            super(message);
        }
    }
}
