package com.adreview.engine;

import com.adreview.check.PhraseMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Phrases of the named lists of {@code phrases/}: {@code phrases: [list, …]}. */
public record PhraseListMatcher(Set<String> lists, List<String> fields) implements ContentMatcher {

    public static final Kind KIND = new Kind() {
        @Override
        public String key() {
            return "phrases";
        }

        @Override
        public ContentMatcher read(RuleSource rule, List<String> fields) {
            List<String> lists = rule.strings(key());
            for (String list : lists) {
                if (!rule.content().listIds().contains(list)) {
                    rule.problem(key(), "no phrase list '" + list + "' in " + ContentDictionary.DIRECTORY + "/");
                }
            }
            return lists.isEmpty() ? null : new PhraseListMatcher(Set.copyOf(lists), fields);
        }
    };

    public PhraseListMatcher {
        lists = Set.copyOf(lists);
        fields = List.copyOf(fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) {
        List<ContentScan.Hit> hits = new ArrayList<>();
        for (String f : fields) {
            for (PhraseMatch m : copy.field(f).phrases()) {
                if (lists.contains(m.listId())) {
                    hits.add(new ContentScan.Hit(f, m.rawStart(), m.rawEnd(), m.rawText(), m.family()));
                }
            }
        }
        return hits;
    }
}
