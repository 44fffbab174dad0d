package com.adreview.engine;

import dev.cel.runtime.CelVariableResolver;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The variables one evaluation sees. Every field of the package is a variable of its own
 * ({@code ad.icp.number}, typed), resolved by walking the package document along a precomputed path,
 * and every parameter is {@code params.<name>}: one lookup each instead of a chain of map selections
 * inside the interpreter.
 */
public final class PolicyVariables implements CelVariableResolver {

    private static final String PARAMS_PREFIX = CelEnvironment.PARAMS + ".";
    private static final String COMPLAINTS_PREFIX = CelEnvironment.COMPLAINTS + ".";
    private static final String IDENTITY_PREFIX = CelEnvironment.IDENTITY + ".";

    /** "params.minCapital" → "minCapital", computed once per name rather than on every read. */
    private static final Map<String, String> PARAMETER_KEYS = new ConcurrentHashMap<>();

    /** Read to count complaints: the window, in days back from now, and the currency amounts are summed in. */
    public static final String WINDOW_DAYS = "complaintWindowDays";

    static final String COMPLAINT_CURRENCY = "complaintCurrency";

    private final Map<String, Object> document;
    private final Map<String, Object> params;
    private final String today;
    private final Instant now;
    private final EvaluationContext context;
    private final boolean categorySuspended;
    private ComplaintRecord.Window window;

    /**
     * @param document the package as {@link PolicyInput#document} gives it
     * @param params the parameters of the package's category
     * @param today the evaluation date, {@code YYYY-MM-DD}
     * @param context the moment, the entity's complaint record, the identity conflicts and the verdict
     *     the decision is made with
     * @param categorySuspended whether an operator has suspended the package's category
     */
    public PolicyVariables(
            Map<String, Object> document,
            Map<String, Object> params,
            String today,
            EvaluationContext context,
            boolean categorySuspended) {
        this.document = document;
        this.params = params;
        this.today = today;
        this.now = context.now();
        this.context = context;
        this.categorySuspended = categorySuspended;
    }

    @Override
    public Optional<Object> find(String name) {
        String[] path = CelEnvironment.AD_PATHS.get(name);
        if (path != null) {
            Object value = document;
            for (String step : path) {
                if (!(value instanceof Map<?, ?> map)) {
                    return Optional.empty();
                }
                value = map.get(step);
            }
            return Optional.ofNullable(value);
        }
        if (name.startsWith(PARAMS_PREFIX)) {
            return Optional.ofNullable(
                    params.get(PARAMETER_KEYS.computeIfAbsent(name, n -> n.substring(PARAMS_PREFIX.length()))));
        }
        if (name.equals(CelEnvironment.PARAMS)) {
            return Optional.of(params);
        }
        if (name.startsWith(COMPLAINTS_PREFIX)) {
            return complaint(name);
        }
        if (name.startsWith(IDENTITY_PREFIX)) {
            return identity(name);
        }
        if (name.equals(CelEnvironment.CATEGORY_SUSPENDED)) {
            return Optional.of(categorySuspended);
        }
        return name.equals(CelEnvironment.TODAY) ? Optional.of(today) : Optional.empty();
    }

    /**
     * The value of a package field at {@code path} (its keys, as {@link CelEnvironment#AD_PATHS} has
     * them), or {@link CelEnvironment.DirectEvaluation#UNDECIDED} where {@link #find} would give none.
     */
    Object adValue(String[] path) {
        Object value = document;
        for (String step : path) {
            if (!(value instanceof Map<?, ?> map)) {
                return CelEnvironment.DirectEvaluation.UNDECIDED;
            }
            value = map.get(step);
        }
        return value == null ? CelEnvironment.DirectEvaluation.UNDECIDED : value;
    }

    /**
     * The parameter {@code params.<key>}, or {@link CelEnvironment.DirectEvaluation#UNDECIDED} where
     * {@link #find} would give none.
     */
    Object parameter(String key) {
        Object value = params.get(key);
        return value == null ? CelEnvironment.DirectEvaluation.UNDECIDED : value;
    }

    /** The complaint counts of the window the pack's parameters set; unbound when they set none. */
    private Optional<Object> complaint(String name) {
        if (window == null) {
            if (!(params.get(WINDOW_DAYS) instanceof Number days)) {
                return Optional.empty();
            }
            String currency = params.get(COMPLAINT_CURRENCY) instanceof String c ? c : "CNY";
            window = context.complaints().window(now, days.longValue(), currency, context.verdictAt());
        }
        // The whole name, not a substring: CEL passes the same string instances, whose hashes are cached.
        return switch (name) {
            case "complaints.count" -> Optional.of(window.count());
            case "complaints.regulator" -> Optional.of(window.regulator());
            case "complaints.police" -> Optional.of(window.police());
            case "complaints.amount" -> Optional.of(window.amount());
            case "complaints.amountReporters" -> Optional.of(window.amountReporters());
            case "complaints.institutionalAmounts" -> Optional.of(window.institutionalAmounts());
            case "complaints.topReporterAmount" -> Optional.of(window.topReporterAmount());
            default -> Optional.empty();
        };
    }

    /** How many identifiers of each kind the package names that another account holds. */
    private Optional<Object> identity(String name) {
        return switch (name) {
            case "identity.heldCreditCodes" -> Optional.of(context.conflictsOf(IdentifierKind.CREDIT_CODE));
            case "identity.heldDomains" -> Optional.of(context.conflictsOf(IdentifierKind.DOMAIN));
            case "identity.heldAppIds" -> Optional.of(context.conflictsOf(IdentifierKind.APP_ID));
            default -> Optional.empty();
        };
    }
}
