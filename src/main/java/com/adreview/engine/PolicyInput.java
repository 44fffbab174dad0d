package com.adreview.engine;

import com.adreview.engine.AdPackage.Money;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The package as the {@code ad} variable of a condition: nested maps keyed by the contract's field
 * names. Text and lists are always present so conditions stay simple; money, dates and rates are
 * present only when given, because "not given" must not read as zero.
 */
public final class PolicyInput {

    private PolicyInput() {}

    /** The package as nested maps, every field of {@link AdField} converted as its type says. */
    public static Map<String, Object> document(AdPackage ad) {
        Map<String, Object> doc = new HashMap<>();
        for (AdField field : AdField.values()) {
            Object value = value(field, ad);
            if (value == null) {
                continue;
            }
            Map<String, Object> parent = doc;
            String[] keys = field.keys();
            for (int i = 0; i < keys.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> object =
                        (Map<String, Object>) parent.computeIfAbsent(keys[i], k -> new HashMap<String, Object>());
                parent = object;
            }
            parent.put(keys[keys.length - 1], value);
        }
        return doc;
    }

    /** The field's value as conditions see it; null when it is absent (money, dates and numbers not given). */
    private static Object value(AdField field, AdPackage ad) {
        Object given = field.valueIn(ad);
        return switch (field.type()) {
            case TEXT -> given == null ? "" : given;
            case TEXTS -> given == null ? List.of() : given;
            case MONEY -> money((Money) given);
            case DATE -> given == null ? null : given.toString();
            case NUMBER -> number((BigDecimal) given);
        };
    }

    /** The keys of every field's path, split once rather than on every read of its value. */
    private static final Map<String, String[]> FIELD_KEYS = fieldKeys();

    private static Map<String, String[]> fieldKeys() {
        Map<String, String[]> keys = new HashMap<>();
        for (AdField field : AdField.values()) {
            keys.put(field.path(), field.keys());
        }
        return Map.copyOf(keys);
    }

    /** The value at a dotted path of a document such as {@code icp.number}, or null. */
    public static Object valueAt(Map<String, Object> document, String path) {
        String[] keys = FIELD_KEYS.get(path);
        if (keys == null) {
            keys = path.split("\\.");
        }
        Object current = document;
        for (String part : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Map<String, Object> money(Money money) {
        if (money == null || money.amount() == null) {
            return null;
        }
        return Map.of("amount", number(money.amount()), "currency", text(money.currency()));
    }

    /** CEL has no decimal type; amounts and rates are compared as doubles, exact to 15 digits. */
    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
