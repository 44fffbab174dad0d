package com.adreview.policy;

import dev.cel.runtime.CelVariableResolver;
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

    /** "params.minCapital" → "minCapital", computed once per name rather than on every read. */
    private static final Map<String, String> PARAMETER_KEYS = new ConcurrentHashMap<>();

    private final Map<String, Object> document;
    private final Map<String, Object> params;
    private final String today;

    /**
     * @param document the package as {@link PolicyInput#document} gives it
     * @param params the parameters of the package's category
     * @param today the evaluation date, {@code YYYY-MM-DD}
     */
    public PolicyVariables(Map<String, Object> document, Map<String, Object> params, String today) {
        this.document = document;
        this.params = params;
        this.today = today;
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
        return name.equals(CelEnvironment.TODAY) ? Optional.of(today) : Optional.empty();
    }
}
