package com.adreview.engine;

import com.adreview.check.CreditCode;
import com.adreview.check.EntityNames;
import com.adreview.check.Hosts;
import com.adreview.check.IcpNumber;
import com.adreview.check.OperatingHistory;
import com.adreview.check.Phrases;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Java checks that policy conditions call. Each is documented in {@code policies/README.md};
 * adding one here makes it available to every rule, type-checked at load.
 */
final class PolicyFunctions {

    private static final CelType STRING = SimpleType.STRING;
    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    private final List<CelFunctionDecl> declarations = new ArrayList<>();
    private final List<CelFunctionBinding> bindings = new ArrayList<>();

    PolicyFunctions() {
        unary("isBlank", SimpleType.BOOL, s -> s.isBlank());
        unary("icpKind", STRING, s -> IcpNumber.parse(s).kind().name());
        binary("sameEntity", SimpleType.BOOL, STRING, String.class, EntityNames::same);
        unary("hostOf", STRING, Hosts::hostOf);
        binary(
                "hostCoveredBy",
                SimpleType.BOOL,
                STRINGS,
                List.class,
                (host, domains) -> Hosts.isCoveredBy(host, strings(domains)));
        // money(currency, amount): "CNY 30,000" for messages (string(30000.0) would say 30000.0).
        declarations.add(CelFunctionDecl.newFunctionDeclaration(
                "money",
                CelOverloadDecl.newGlobalOverload("money_string_double", STRING, STRING, SimpleType.DOUBLE),
                CelOverloadDecl.newGlobalOverload("money_string_int64", STRING, STRING, SimpleType.INT)));
        bindings.add(CelFunctionBinding.from(
                "money_string_double",
                String.class,
                Double.class,
                (currency, amount) -> MoneyText.of(currency, amount)));
        bindings.add(CelFunctionBinding.from(
                "money_string_int64",
                String.class,
                Long.class,
                (currency, amount) -> MoneyText.of(currency, java.math.BigDecimal.valueOf(amount))));
        // plural(n, 'complaint', 'complaints'): "1 complaint", "3 complaints" for messages, not "3 complaint(s)".
        declarations.add(CelFunctionDecl.newFunctionDeclaration(
                "plural",
                CelOverloadDecl.newGlobalOverload(
                        "plural_int64_string_string", STRING, SimpleType.INT, STRING, STRING)));
        bindings.add(CelFunctionBinding.from(
                "plural_int64_string_string",
                List.of(Long.class, String.class, String.class),
                args -> plural((Long) args[0], (String) args[1], (String) args[2])));
        // number(x): "24", "24.5", "1,000" for messages (string(24.0) would say 24.0).
        declarations.add(CelFunctionDecl.newFunctionDeclaration(
                "number",
                CelOverloadDecl.newGlobalOverload("number_double", STRING, SimpleType.DOUBLE),
                CelOverloadDecl.newGlobalOverload("number_int64", STRING, SimpleType.INT)));
        bindings.add(CelFunctionBinding.from("number_double", Double.class, x -> MoneyText.of(null, x)));
        bindings.add(CelFunctionBinding.from(
                "number_int64", Long.class, x -> MoneyText.of(null, java.math.BigDecimal.valueOf(x))));
        unary("creditCodeWellFormed", SimpleType.BOOL, CreditCode::isWellFormed);
        unary("creditCodeCheckValid", SimpleType.BOOL, CreditCode::hasValidCheckCharacter);
        unary("individualBusiness", SimpleType.BOOL, CreditCode::isIndividualBusiness);
        binary("fullMonthsBetween", SimpleType.INT, STRING, String.class, OperatingHistory::fullMonths);
        binary(
                "containsAnyPhrase",
                SimpleType.BOOL,
                STRINGS,
                List.class,
                (text, phrases) -> Phrases.containsAny(text, strings(phrases)));
    }

    static String plural(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    List<CelFunctionDecl> declarations() {
        return declarations;
    }

    List<CelFunctionBinding> bindings() {
        return bindings;
    }

    private void unary(String name, CelType result, Function<String, Object> f) {
        String overload = name + "_string";
        declarations.add(CelFunctionDecl.newFunctionDeclaration(
                name, CelOverloadDecl.newGlobalOverload(overload, result, STRING)));
        bindings.add(CelFunctionBinding.from(overload, String.class, f::apply));
    }

    private <T> void binary(
            String name, CelType result, CelType secondType, Class<T> secondClass, BiFunction<String, T, Object> f) {
        String overload = name + "_string_" + (secondType == STRING ? "string" : "list");
        declarations.add(CelFunctionDecl.newFunctionDeclaration(
                name, CelOverloadDecl.newGlobalOverload(overload, result, STRING, secondType)));
        bindings.add(CelFunctionBinding.from(overload, String.class, secondClass, f::apply));
    }

    /** CEL hands over list(string) as a list of strings; the unchecked view avoids a copy per call. */
    @SuppressWarnings("unchecked")
    private static List<String> strings(List<?> values) {
        return (List<String>) values;
    }
}
