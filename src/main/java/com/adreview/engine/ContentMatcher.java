package com.adreview.engine;

import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import java.util.List;
import java.util.Optional;

/**
 * What a content rule looks for in the ad copy. The copy is scanned once per decision for the whole
 * pack; a rule with a matcher fires when the scan found something of its kind in its fields (and its
 * {@code when}, if any, holds), and the findings' evidence is what was found.
 *
 * <p>A kind of matcher is one class: it reads its key of a rule ({@link Kind}) and finds its hits in
 * the scanned copy; {@link #kinds()} is where it is registered.
 */
public interface ContentMatcher {

    /**
     * Every kind a rule can use, by its key in a rule file. A method, not a constant: a constant of this
     * interface is set when the first matcher class is initialised (the interface has default methods),
     * and it would then read that class's own {@code KIND} before it is set, failing the interface for
     * good — whenever a matcher was built before a pack was loaded.
     */
    static List<Kind> kinds() {
        return List.of(PhraseListMatcher.KIND, ConceptMatcher.KIND, RateAboveMatcher.KIND, ObfuscationMatcher.KIND);
    }

    /** The text fields the rule looks at, by contract path ({@link AdField#scannable()}). */
    List<String> fields();

    /** What the matcher finds in its fields of the scanned copy; empty if nothing. */
    List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) throws CelEvaluationException;

    /** The CEL expressions the matcher evaluates, if any. */
    default List<CelEnvironment.Expression> expressions() {
        return List.of();
    }

    /**
     * Evaluates the matcher's expressions as a scan would: the loader does so on a complete package,
     * so that an expression that cannot be evaluated is a problem of the pack, not of some package.
     */
    default void evaluate(PolicyVariables variables) throws CelEvaluationException {}

    /** A kind of matcher: its key in a rule, and how it reads the rule. */
    interface Kind {
        String key();

        /** Further keys of a rule this kind reads beside {@link #key()}; a problem with any other kind. */
        default List<String> optionalKeys() {
            return List.of();
        }

        /** The matcher the rule declares under {@link #key()}, or null after reporting why there is none. */
        ContentMatcher read(RuleSource rule, List<String> fields);
    }

    /** A rule as a matcher kind reads it; each problem is reported at the line of its key. */
    interface RuleSource {
        List<String> strings(String key);

        /** The key's text; a problem when it is missing. */
        Optional<String> requiredString(String key);

        Optional<String> optionalString(String key);

        void problem(String key, String message);

        /** The compiled expression, or null after reporting why it does not compile. */
        CelEnvironment.Expression compile(String key, String expression, CelType resultType);

        /** The pack's phrase lists and rate keywords. */
        ContentDictionary content();
    }
}
