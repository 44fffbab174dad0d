package com.adreview.engine;

import com.adreview.check.PhraseMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Phrases of the named lists of {@code phrases/}: {@code phrases: [list, …]}. With {@code unless:
 * [concept, …]}, a phrase is not counted in a sentence where one of those concepts ({@code concepts/})
 * is found: "we will never ask you to pay an unfreezing fee" warns of the fee, it does not demand it.
 */
public record PhraseListMatcher(List<String> lists, List<String> unless, List<String> fields)
        implements ContentMatcher {

    public static final Kind KIND = new Kind() {
        @Override
        public String key() {
            return "phrases";
        }

        @Override
        public List<String> optionalKeys() {
            return List.of("unless");
        }

        @Override
        public ContentMatcher read(RuleSource rule, List<String> fields) {
            List<String> lists = rule.strings(key());
            for (String list : lists) {
                if (!rule.content().listIds().contains(list)) {
                    rule.problem(key(), "no phrase list '" + list + "' in " + ContentDictionary.DIRECTORY + "/");
                }
            }
            List<String> unless = rule.strings("unless");
            for (String c : unless) {
                if (!rule.content().conceptIds().contains(c)) {
                    rule.problem("unless", "no concept '" + c + "' in " + ContentDictionary.CONCEPTS_DIRECTORY + "/");
                }
            }
            return lists.isEmpty() ? null : new PhraseListMatcher(lists, unless, fields);
        }
    };

    /** Lists and concepts are kept as distinct lists: the rules of every decision walk them by index. */
    public PhraseListMatcher {
        lists = ContentDictionary.interned(lists);
        unless = ContentDictionary.interned(unless);
        fields = List.copyOf(fields);
    }

    public PhraseListMatcher(List<String> lists, List<String> fields) {
        this(lists, List.of(), fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) {
        List<ContentScan.Hit> hits = List.of();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i);
            ContentScan.Field field = copy.field(f);
            if (!hasAny(field)) {
                continue;
            }
            Set<Integer> cancelled = unless.isEmpty() ? Set.of() : cancelledSentences(field);
            for (PhraseMatch m : field.phrases()) {
                if (lists.contains(m.listId())
                        && (cancelled.isEmpty() || !cancelled.contains(field.sentenceOf(m.rawStart())))) {
                    if (hits.isEmpty()) {
                        hits = new ArrayList<>();
                    }
                    hits.add(new ContentScan.Hit(f, m.rawStart(), m.rawEnd(), m.rawText(), m.family()));
                }
            }
        }
        return hits;
    }

    /** Whether the scan found a phrase of any of the lists in the field; most rules find none. */
    private boolean hasAny(ContentScan.Field field) {
        for (int i = 0; i < lists.size(); i++) {
            if (field.has(lists.get(i))) {
                return true;
            }
        }
        return false;
    }

    private Set<Integer> cancelledSentences(ContentScan.Field field) {
        Set<Integer> cancelled = new HashSet<>();
        for (String c : unless) {
            for (PhraseMatch m : field.of(c)) {
                cancelled.add(field.sentenceOf(m.rawStart()));
            }
        }
        return cancelled;
    }
}
