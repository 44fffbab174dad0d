package com.adreview.check;

import java.util.List;
import java.util.Objects;

/**
 * One named list of dictionary phrases with the context rules that keep it from firing on innocent text; the
 * shape a configuration loader supplies, e.g.
 * {@code {listId: guaranteed-return, family: capital guarantee, phrases: [保本, 保证收益],
 * negations: [不, 不保证], exclusions: [无风险提示]}}.
 *
 * <p>All strings are written naturally; the dictionary normalises them with the same rules as ad text.
 * Several entries may share a {@code listId} (e.g. one per family); their negations and exclusions apply only
 * to their own phrases.
 *
 * @param listId     stable id of the list, e.g. {@code "guaranteed-return"}
 * @param family     short label naming the phrase family, e.g. {@code "capital guarantee"}
 * @param phrases    the phrases to find; at least one
 * @param negations  prefixes that, directly before a match in the same clause, mean the claim is denied
 *                   (e.g. "不", "无法", "not"); a prefix starting with a Latin/Cyrillic/Greek letter must also
 *                   start a word, so "no" does not fire inside "casino"
 * @param exclusions longer innocent terms; a match lying inside an occurrence of one is dropped
 *                   (e.g. "无风险提示" for "无风险", "保障范围" for "保障")
 */
public record PhraseList(
        String listId, String family, List<String> phrases, List<String> negations, List<String> exclusions) {

    public PhraseList {
        listId = requireNonBlank(listId, "listId");
        family = requireNonBlank(family, "family");
        phrases = List.copyOf(Objects.requireNonNull(phrases, "phrases"));
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("list " + listId + " has no phrases");
        }
        negations = negations == null ? List.of() : List.copyOf(negations);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
    }

    /** A list without negation or exclusion rules. */
    public static PhraseList of(String listId, String family, List<String> phrases) {
        return new PhraseList(listId, family, phrases, List.of(), List.of());
    }

    private static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }
}
