package com.adreview.engine;

import com.adreview.check.ObfuscationSign;
import java.util.ArrayList;
import java.util.List;

/** Invisible or direction-control characters, or words mixing scripts: {@code obfuscation: true}. */
public record ObfuscationMatcher(List<String> fields) implements ContentMatcher {

    public static final Kind KIND = new Kind() {
        @Override
        public String key() {
            return "obfuscation";
        }

        @Override
        public ContentMatcher read(RuleSource rule, List<String> fields) {
            if (!"true".equals(rule.optionalString(key()).orElse(""))) {
                rule.problem(key(), "obfuscation can only be 'true'");
                return null;
            }
            return new ObfuscationMatcher(fields);
        }
    };

    public ObfuscationMatcher {
        fields = List.copyOf(fields);
    }

    @Override
    public List<ContentScan.Hit> find(ContentScan copy, PolicyVariables variables) {
        List<ContentScan.Hit> hits = new ArrayList<>();
        for (String f : fields) {
            ContentScan.Field field = copy.field(f);
            String raw = field.text().raw();
            for (ObfuscationSign s : field.signs()) {
                hits.add(new ContentScan.Hit(
                        f, s.rawStart(), s.rawEnd(), raw.substring(s.rawStart(), s.rawEnd()), s.description()));
            }
        }
        return hits;
    }
}
