package com.adreview.engine;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A loaded, validated and compiled policy pack. Immutable; a new pack version is a new instance.
 *
 * @param version {@code sha256:} hash of the content of every file that can change a decision
 * @param name the pack's name from {@code pack.yaml}
 * @param timeZone where "today" is, for rules counting calendar months
 * @param rules every rule, in file order
 * @param parameters per category: the pack's defaults merged with the category's own values
 * @param content the phrase lists, rate keywords and obfuscation detector content rules use
 * @param learned the learned second opinion ({@code learned:} in {@code pack.yaml}); null without one
 * @param sources the content of every hashed file, by path, so a decision can be replayed later
 * @param surges when complaint volume is a surge ({@code surges:} in {@code pack.yaml}); never null
 */
public record PolicyPack(
        String version,
        String name,
        ZoneId timeZone,
        List<PolicyRule> rules,
        Map<Category, Map<String, Object>> parameters,
        ContentDictionary content,
        LearnedModel learned,
        Map<String, String> sources,
        SurgePolicy surges) {

    public PolicyPack {
        surges = surges == null ? SurgePolicy.defaults() : surges;
        rules = List.copyOf(rules);
        parameters = Map.copyOf(parameters);
        sources = Map.copyOf(sources);
    }

    public Map<String, Object> parametersOf(Category category) {
        return parameters.get(category);
    }
}
