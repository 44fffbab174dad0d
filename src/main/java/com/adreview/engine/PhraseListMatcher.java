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
public record PhraseListMatcher(Set<String> lists, Set<String> unless, List<String> fields) implements ContentMatcher {

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
            return lists.isEmpty() ? null : new PhraseListMatcher(Set.copyOf(lists), Set.copyOf(unless), fields);
        }
    };

    public PhraseListMatcher {
        lists = Set.copyOf(lists);
        unless = Set.copyOf(unless);
        fields = List.copyOf(fields);
    }

    public PhraseListMatcher(Set<String> lists, List<String> fields) {
        this(lists, Set.of(), fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) {
        List<ContentScan.Hit> hits = new ArrayList<>();
        for (String f : fields) {
            ContentScan.Field field = copy.field(f);
            Set<Integer> cancelled = null;
            for (PhraseMatch m : field.phrases()) {
                if (lists.contains(m.listId())) {
                    if (!unless.isEmpty()) {
                        if (cancelled == null) {
                            cancelled = cancelledSentences(field);
                        }
                        if (cancelled.contains(field.sentenceOf(m.rawStart()))) {
                            continue;
                        }
                    }
                    hits.add(new ContentScan.Hit(f, m.rawStart(), m.rawEnd(), m.rawText(), m.family()));
                }
            }
        }
        return hits;
    }

    private Set<Integer> cancelledSentences(ContentScan.Field field) {
        Set<Integer> cancelled = new HashSet<>();
        for (PhraseMatch m : field.phrases()) {
            if (unless.contains(m.listId())) {
                cancelled.add(field.sentenceOf(m.rawStart()));
            }
        }
        return cancelled;
    }
}
