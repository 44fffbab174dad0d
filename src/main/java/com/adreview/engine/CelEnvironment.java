package com.adreview.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerBuilder;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelFunctionOverload;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
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
 *       complaints received in the last {@code params.complaintWindowDays} days (a USER reporter counting
 *       once, complaints a person's verdict on the ad already saw left out), the amounts summed in
 *       {@code params.complaintCurrency}; {@code .amountReporters}, {@code .institutionalAmounts} and
 *       {@code .topReporterAmount} say who stated those amounts.
 *   <li>{@code identity.heldCreditCodes}, {@code .heldDomains}, {@code .heldAppIds}: how many identifiers
 *       of the kind the package names that another account holds, with no confirmed link.
 *   <li>{@code categorySuspended}: whether an operator has suspended the package's category.
 * </ul>
 */
public final class CelEnvironment {

    static final String AD = "ad";
    static final String PARAMS = "params";
    static final String TODAY = "today";
    static final String COMPLAINTS = "complaints";
    static final String IDENTITY = "identity";
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
                            // Interned, as the document's keys are: a map read finds its key by identity.
                            : java.util.Arrays.stream(
                                            name.substring(AD.length() + 1).split("\\."))
                                    .map(String::intern)
                                    .toArray(String[]::new)));

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final DirectEvaluation directEvaluation;

    /** @param parameterNames every parameter some category of the pack defines */
    public CelEnvironment(Set<String> parameterNames) {
        this(parameterNames, true);
    }

    /**
     * @param parameterNames every parameter some category of the pack defines
     * @param directEvaluation whether expressions get a direct form; false leaves every evaluation to
     *     CEL's interpreter (tests compare the two)
     */
    public CelEnvironment(Set<String> parameterNames, boolean directEvaluation) {
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
        for (String count : List.of("count", "regulator", "police", "amountReporters", "institutionalAmounts")) {
            builder.addVar(COMPLAINTS + "." + count, SimpleType.INT);
        }
        builder.addVar(COMPLAINTS + ".amount", SimpleType.DOUBLE);
        builder.addVar(COMPLAINTS + ".topReporterAmount", SimpleType.DOUBLE);
        for (String held : List.of("heldCreditCodes", "heldDomains", "heldAppIds")) {
            builder.addVar(IDENTITY + "." + held, SimpleType.INT);
        }
        builder.addVar(CATEGORY_SUSPENDED, SimpleType.BOOL);
        parameterNames.forEach(name -> builder.addVar(PARAMS + "." + name, SimpleType.DYN));
        this.compiler = builder.build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
                .setOptions(options)
                .addFunctionBindings(functions.bindings())
                .build();
        this.directEvaluation = directEvaluation ? new DirectEvaluation(functions.bindings()) : null;
    }

    /** Compiles an expression that must yield the given type; the message says why it does not. */
    public Expression compile(String expression, CelType resultType) throws InvalidExpression {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
            if (!ast.getResultType().equals(resultType) && !ast.getResultType().equals(SimpleType.DYN)) {
                throw new InvalidExpression("must yield " + resultType.name() + ", yields "
                        + ast.getResultType().name());
            }
            return new Expression(
                    runtime.createProgram(ast), directEvaluation == null ? null : directEvaluation.of(ast));
        } catch (CelValidationException e) {
            throw new InvalidExpression(e.getMessage());
        } catch (CelEvaluationException e) {
            throw new InvalidExpression("cannot be planned: " + e.getMessage());
        }
    }

    /**
     * A variable for each field of {@link AdField} and each object holding one. Dates and numbers stay
     * selections on their object, so that {@code has()} can test them; money is declared down to its
     * amount and currency, as the pack's conditions read it.
     */
    private static Map<String, CelType> adVariables() {
        Map<String, CelType> v = new LinkedHashMap<>();
        v.put(AD, DOCUMENT);
        for (AdField field : AdField.values()) {
            String name = AD + "." + field.path();
            for (int dot = name.indexOf('.', AD.length() + 1); dot > 0; dot = name.indexOf('.', dot + 1)) {
                v.put(name.substring(0, dot), DOCUMENT);
            }
            switch (field.type()) {
                case TEXT -> v.put(name, SimpleType.STRING);
                case TEXTS -> v.put(name, STRINGS);
                case MONEY -> {
                    v.put(name + ".amount", SimpleType.DOUBLE);
                    v.put(name + ".currency", SimpleType.STRING);
                }
                case DATE, NUMBER -> {}
            }
        }
        return Map.copyOf(v);
    }

    /**
     * A compiled expression. CEL's interpreter is the reference; most conditions are also evaluated
     * directly (see {@link DirectEvaluation}), which gives the same value at a fraction of the cost,
     * and hands over to the interpreter whenever it meets anything but a plain value.
     */
    public static final class Expression {
        private final CelRuntime.Program program;
        private final DirectEvaluation.Node direct;

        private Expression(CelRuntime.Program program, DirectEvaluation.Node direct) {
            this.program = program;
            this.direct = direct;
        }

        /** The value of the expression, exactly as CEL's interpreter gives it. */
        Object eval(CelVariableResolver variables) throws CelEvaluationException {
            if (direct != null) {
                Object value = direct.eval(variables);
                if (value != DirectEvaluation.UNDECIDED) {
                    return value;
                }
            }
            // An error, an unbound variable or a value outside the direct subset: CEL decides, and
            // words the error, as it always has.
            return program.eval(variables);
        }

        /** The interpreter alone, bypassing the direct evaluation: for tests that compare the two. */
        Object evalWithInterpreter(CelVariableResolver variables) throws CelEvaluationException {
            return program.eval(variables);
        }

        /** Whether the expression has a direct form at all (its AST stays inside the subset). */
        boolean isDirect() {
            return direct != null;
        }

        /**
         * The direct form alone: its value, or {@link DirectEvaluation#UNDECIDED} where it hands over to
         * the interpreter (or has no direct form). For tests that pin what it decides by itself, which
         * {@link #eval} cannot show: there the interpreter answers the same whenever it hands over.
         */
        Object evalDirectly(CelVariableResolver variables) {
            return direct == null ? DirectEvaluation.UNDECIDED : direct.eval(variables);
        }
    }

    /**
     * Evaluates a checked expression without CEL's interpreter, for the part of CEL the pack's
     * conditions are written in: literals, variables, map fields and {@code has()}, {@code !},
     * {@code &&}, {@code ||}, {@code ?:}, {@code ==}, {@code !=}, {@code <}, {@code <=}, {@code >},
     * {@code >=}, {@code +}, {@code *} and the pack's own functions.
     *
     * <p>Why: the interpreter (cel-java 0.14) spends 100–250 ns of bookkeeping on every call node,
     * operators included (argument lists, attribute and unknown tracking, an overload search, a
     * stream per call), which made CEL half the time of a whole decision although the checks it
     * calls are cheap. Evaluated here, a condition costs little more than the checks themselves.
     *
     * <p>Why it decides exactly as CEL does: it decides only plain values. Each operator is the
     * interpreter's overload for the runtime types of its arguments, chosen among the overloads the
     * type checker left on the call, with the same arithmetic, comparison and equality (cel-java's
     * {@code ComparisonFunctions} and {@code RuntimeEquality}, restated below); the pack's functions
     * are called through the very bindings the interpreter calls. Anything else — an unbound
     * variable, a missing map key, a function that throws, an overflow, argument types no overload
     * here takes — yields {@link #UNDECIDED}, and the interpreter evaluates the whole expression
     * again, so errors, unknowns and their messages stay CEL's own. Expressions using anything
     * outside the subset (comprehensions, lists, maps, {@code in}, timestamps …) get no direct form
     * and always go to the interpreter.
     */
    static final class DirectEvaluation {

        /** Not decided here: the interpreter must evaluate the expression. */
        static final Object UNDECIDED = new Object();

        /** One node of an expression; returns its value or {@link #UNDECIDED}. */
        interface Node {
            Object eval(CelVariableResolver variables);
        }

        /** One overload: the argument classes it takes and what it computes. */
        private record Overload(List<Class<?>> argTypes, Function<Object[], Object> apply) {
            boolean accepts(Object[] args) {
                for (int i = 0; i < args.length; i++) {
                    if (!argTypes.get(i).isInstance(args[i])) {
                        return false;
                    }
                }
                return true;
            }
        }

        private final Map<String, Overload> overloads = new HashMap<>();

        /** @param functions the bindings of the pack's own functions, as the runtime has them */
        DirectEvaluation(List<CelFunctionBinding> functions) {
            addStandardOverloads();
            for (CelFunctionBinding binding : functions) {
                CelFunctionOverload definition = binding.getDefinition();
                overloads.put(binding.getOverloadId(), new Overload(binding.getArgTypes(), args -> {
                    try {
                        Object result = definition.apply(args);
                        return result == null ? UNDECIDED : result;
                    } catch (CelEvaluationException | RuntimeException e) {
                        return UNDECIDED; // the interpreter reports it, in its words
                    }
                }));
            }
        }

        /** The direct form of a checked expression, or null when part of it is outside the subset. */
        Node of(CelAbstractSyntaxTree ast) {
            return node(ast, ast.getExpr());
        }

        private Node node(CelAbstractSyntaxTree ast, CelExpr expr) {
            Optional<CelReference> reference = ast.getReference(expr.id());
            switch (expr.getKind()) {
                case CONSTANT:
                    return constant(expr.constant());
                case IDENT:
                    return reference.map(r -> variable(ast, expr, r)).orElse(null);
                case SELECT:
                    if (reference.isPresent()) {
                        // A qualified name the checker resolved to a variable, e.g. ad.icp.number.
                        return variable(ast, expr, reference.get());
                    }
                    return select(ast, expr.select());
                case CALL:
                    return reference.map(r -> call(ast, expr.call(), r)).orElse(null);
                default:
                    return null;
            }
        }

        private static Node constant(CelConstant constant) {
            Object value =
                    switch (constant.getKind()) {
                        case BOOLEAN_VALUE -> constant.booleanValue();
                        case INT64_VALUE -> constant.int64Value();
                        case DOUBLE_VALUE -> constant.doubleValue();
                        case STRING_VALUE -> constant.stringValue();
                        default -> null;
                    };
            return value == null ? null : variables -> value;
        }

        private static Node variable(CelAbstractSyntaxTree ast, CelExpr expr, CelReference reference) {
            boolean typeName =
                    ast.getType(expr.id()).map(t -> t.kind() == CelKind.TYPE).orElse(false);
            if (reference.value().isPresent() || typeName) {
                return null; // an enum constant or a type name: left to the interpreter
            }
            String name = reference.name();
            // Resolved here, once: a package field's path or a parameter's key, read without looking the
            // name up again (PolicyVariables reads them as its find would); any other resolver, by name.
            String[] path = AD_PATHS.get(name);
            if (path != null) {
                return variables -> variables instanceof PolicyVariables policy
                        ? policy.adValue(path)
                        : variables.find(name).orElse(UNDECIDED);
            }
            if (name.startsWith(PARAMS + ".")) {
                String key = name.substring(PARAMS.length() + 1);
                return variables -> variables instanceof PolicyVariables policy
                        ? policy.parameter(key)
                        : variables.find(name).orElse(UNDECIDED);
            }
            return variables -> variables.find(name).orElse(UNDECIDED);
        }

        /** A field of a map ({@code ad.advertiser.operatingSince}) or its presence test ({@code has()}). */
        private Node select(CelAbstractSyntaxTree ast, CelExpr.CelSelect select) {
            Node operand = node(ast, select.operand());
            if (operand == null) {
                return null;
            }
            String field = select.field();
            if (select.testOnly()) {
                return variables ->
                        operand.eval(variables) instanceof Map<?, ?> map ? map.containsKey(field) : UNDECIDED;
            }
            return variables -> {
                Object value = operand.eval(variables) instanceof Map<?, ?> map ? map.get(field) : null;
                return value == null ? UNDECIDED : value;
            };
        }

        private Node call(CelAbstractSyntaxTree ast, CelExpr.CelCall call, CelReference reference) {
            if (call.target().isPresent() || reference.overloadIds().isEmpty()) {
                return null;
            }
            List<Node> args = new ArrayList<>();
            for (CelExpr arg : call.args()) {
                Node node = node(ast, arg);
                if (node == null) {
                    return null;
                }
                args.add(node);
            }
            switch (reference.overloadIds().get(0)) {
                case "logical_and":
                    return logical(args.get(0), args.get(1), false);
                case "logical_or":
                    return logical(args.get(0), args.get(1), true);
                case "conditional":
                    return conditional(args.get(0), args.get(1), args.get(2));
                default:
                    break;
            }
            List<Overload> candidates = new ArrayList<>();
            for (String id : reference.overloadIds()) {
                Overload overload = overloads.get(id);
                if (overload != null && overload.argTypes().size() == args.size()) {
                    candidates.add(overload);
                }
            }
            // The overloads not here take other runtime types (unsigned, bytes, timestamps …): for
            // those, no candidate accepts the arguments and the interpreter takes over.
            return candidates.isEmpty()
                    ? null
                    : dispatch(args.toArray(new Node[0]), candidates.toArray(new Overload[0]));
        }

        /**
         * {@code &&} and {@code ||}. CEL's are commutative over errors ({@code false && error} is
         * false); deciding only when the left side is a plain bool keeps that: an undecided left side
         * sends the whole expression to the interpreter.
         */
        private static Node logical(Node left, Node right, boolean or) {
            return variables -> {
                Object l = left.eval(variables);
                if (!(l instanceof Boolean lb)) {
                    return UNDECIDED;
                }
                if (lb == or) {
                    return lb;
                }
                Object r = right.eval(variables);
                return r instanceof Boolean ? r : UNDECIDED;
            };
        }

        private static Node conditional(Node condition, Node then, Node otherwise) {
            return variables -> {
                Object c = condition.eval(variables);
                if (!(c instanceof Boolean b)) {
                    return UNDECIDED;
                }
                return b ? then.eval(variables) : otherwise.eval(variables);
            };
        }

        /** Like the interpreter: the arguments first, then the one overload that takes their types. */
        private static Node dispatch(Node[] args, Overload[] candidates) {
            return variables -> {
                Object[] values = new Object[args.length];
                for (int i = 0; i < args.length; i++) {
                    values[i] = args[i].eval(variables);
                    if (values[i] == UNDECIDED) {
                        return UNDECIDED;
                    }
                }
                for (Overload overload : candidates) {
                    if (overload.accepts(values)) {
                        return overload.apply().apply(values);
                    }
                }
                return UNDECIDED;
            };
        }

        /** The relational operators, by the prefix of their overload ids. */
        private enum Relation {
            LESS("less"),
            LESS_EQUALS("less_equals"),
            GREATER("greater"),
            GREATER_EQUALS("greater_equals");

            final String id;

            Relation(String id) {
                this.id = id;
            }

            /** On the sign of a comparison (-1, 0, 1), as CEL's int, string and mixed overloads are. */
            boolean test(int sign) {
                return switch (this) {
                    case LESS -> sign < 0;
                    case LESS_EQUALS -> sign <= 0;
                    case GREATER -> sign > 0;
                    case GREATER_EQUALS -> sign >= 0;
                };
            }

            /** Two doubles compare with Java's operators, as CEL's double overloads do (NaN: false). */
            boolean test(double a, double b) {
                return switch (this) {
                    case LESS -> a < b;
                    case LESS_EQUALS -> a <= b;
                    case GREATER -> a > b;
                    case GREATER_EQUALS -> a >= b;
                };
            }
        }

        private void addStandardOverloads() {
            standard("logical_not", a -> !(Boolean) a[0], Boolean.class);
            standard("equals", a -> equal(a[0], a[1]), Object.class, Object.class);
            standard("not_equals", a -> negate(equal(a[0], a[1])), Object.class, Object.class);
            for (Relation r : Relation.values()) {
                standard(r.id + "_int64", a -> r.test(Long.compare((Long) a[0], (Long) a[1])), Long.class, Long.class);
                standard(r.id + "_double", a -> r.test((Double) a[0], (Double) a[1]), Double.class, Double.class);
                standard(
                        r.id + "_int64_double",
                        a -> r.test(-compareDoubleInt((Double) a[1], (Long) a[0])),
                        Long.class,
                        Double.class);
                standard(
                        r.id + "_double_int64",
                        a -> r.test(compareDoubleInt((Double) a[0], (Long) a[1])),
                        Double.class,
                        Long.class);
                standard(
                        r.id + "_string",
                        a -> r.test(Integer.signum(((String) a[0]).compareTo((String) a[1]))),
                        String.class,
                        String.class);
            }
            standard("add_int64", a -> exact(() -> Math.addExact((Long) a[0], (Long) a[1])), Long.class, Long.class);
            standard("add_double", a -> (Double) a[0] + (Double) a[1], Double.class, Double.class);
            standard("add_string", a -> ((String) a[0]).concat((String) a[1]), String.class, String.class);
            standard(
                    "multiply_int64",
                    a -> exact(() -> Math.multiplyExact((Long) a[0], (Long) a[1])),
                    Long.class,
                    Long.class);
            standard("multiply_double", a -> (Double) a[0] * (Double) a[1], Double.class, Double.class);
            // cel-java converts ints, doubles and bools with their toString: string(24.0) is "24.0".
            standard("int64_to_string", a -> a[0].toString(), Long.class);
            standard("double_to_string", a -> a[0].toString(), Double.class);
            standard("bool_to_string", a -> a[0].toString(), Boolean.class);
            standard("string_to_string", a -> a[0], String.class);
        }

        private void standard(String overloadId, Function<Object[], Object> apply, Class<?>... argTypes) {
            overloads.put(overloadId, new Overload(List.of(argTypes), apply));
        }

        /**
         * CEL's equality where it is plain: the same instance, two strings, two bools, two ints or two
         * doubles (NaN equals nothing, 0.0 equals -0.0). Mixed or other types are the interpreter's.
         */
        private static Object equal(Object a, Object b) {
            if (a == b) {
                return true; // cel-java's RuntimeEquality answers identity first, even for NaN
            }
            if ((a instanceof String && b instanceof String) || (a instanceof Boolean && b instanceof Boolean)) {
                return a.equals(b);
            }
            if (a instanceof Long x && b instanceof Long y) {
                return x.longValue() == y.longValue();
            }
            if (a instanceof Double x && b instanceof Double y) {
                return x.doubleValue() == y.doubleValue();
            }
            return UNDECIDED;
        }

        private static Object negate(Object equal) {
            return equal instanceof Boolean b ? !b : UNDECIDED;
        }

        /**
         * A double against an int, as cel-java's {@code ComparisonFunctions.compareDoubleInt}: beyond
         * the range of int64 the double is simply larger or smaller; NaN compares as larger.
         */
        private static int compareDoubleInt(double d, long l) {
            if (d < (double) Long.MIN_VALUE) {
                return -1;
            }
            if (d > (double) Long.MAX_VALUE) {
                return 1;
            }
            return Double.compare(d, (double) l);
        }

        /** Integer arithmetic that overflows is an error in CEL: the interpreter reports it. */
        private static Object exact(java.util.function.LongSupplier operation) {
            try {
                return operation.getAsLong();
            } catch (ArithmeticException e) {
                return UNDECIDED;
            }
        }
    }

    /** Why an expression does not compile. */
    public static final class InvalidExpression extends Exception {
        InvalidExpression(String message) {
            super(message);
        }
    }
}
