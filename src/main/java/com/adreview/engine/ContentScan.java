package com.adreview.engine;

import com.adreview.check.NormalizedText;
import com.adreview.check.ObfuscationSign;
import com.adreview.check.PhraseMatch;
import com.adreview.check.StatedRate;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ad copy of one package as the content rules see it: each text field normalised once, scanned
 * once against the whole dictionary, its rates read once, its obfuscation signs found once — on
 * first demand, so a pack without content rules pays nothing.
 */
final class ContentScan {

    /** Something found in a field: its raw span and what it is (phrase family, rate, sign). */
    record Hit(String field, int start, int end, String text, String label) {
        Evidence evidence() {
            return new Evidence(field, text, start, end);
        }
    }

    private final Map<String, Object> document;
    private final ContentDictionary dictionary;
    private final Map<String, Field> fields = new HashMap<>();

    ContentScan(Map<String, Object> document, ContentDictionary dictionary) {
        this.document = document;
        this.dictionary = dictionary;
    }

    /** What the matcher finds in its fields; empty if nothing. */
    List<Hit> find(ContentMatcher matcher, PolicyVariables variables) throws CelEvaluationException {
        List<Hit> hits = new ArrayList<>();
        if (matcher instanceof ContentMatcher.Phrases p) {
            for (String f : p.fields()) {
                for (PhraseMatch m : field(f).phrases()) {
                    if (p.lists().contains(m.listId())) {
                        hits.add(new Hit(f, m.rawStart(), m.rawEnd(), m.rawText(), m.family()));
                    }
                }
            }
        } else if (matcher instanceof ContentMatcher.RateAbove r) {
            double threshold = r.thresholdFor(variables);
            for (String f : r.fields()) {
                for (StatedRate rate : field(f).rates()) {
                    if (rate.annual() > threshold) {
                        hits.add(new Hit(f, rate.rawStart(), rate.rawEnd(), rate.rawText(), describe(rate)));
                    }
                }
            }
        } else if (matcher instanceof ContentMatcher.Obfuscation o) {
            for (String f : o.fields()) {
                for (ObfuscationSign s : field(f).signs()) {
                    String raw = field(f).text.raw();
                    hits.add(new Hit(
                            f, s.rawStart(), s.rawEnd(), raw.substring(s.rawStart(), s.rawEnd()), s.description()));
                }
            }
        }
        return hits;
    }

    private static String describe(StatedRate rate) {
        // Two decimals of a percentage, without trailing zeros: 0.365 → "36.5", 0.24 → "24".
        long hundredths = Math.round(rate.annual() * 10_000);
        String percent = hundredths % 100 == 0
                ? Long.toString(hundredths / 100)
                : (hundredths % 10 == 0
                        ? Long.toString(hundredths / 100) + "." + (hundredths % 100) / 10
                        : String.format(java.util.Locale.ROOT, "%d.%02d", hundredths / 100, hundredths % 100));
        return "“" + rate.rawText() + "” = " + percent + " % a year";
    }

    private Field field(String path) {
        return fields.computeIfAbsent(path, p -> {
            Object value = PolicyInput.valueAt(document, p);
            return new Field(dictionary, dictionary.normalizer().normalize(value instanceof String s ? s : ""));
        });
    }

    /** One field's text and, once asked for, what the dictionary finds in it. */
    private static final class Field {
        private final ContentDictionary dictionary;
        private final NormalizedText text;
        private List<PhraseMatch> phrases;
        private List<StatedRate> rates;
        private List<ObfuscationSign> signs;

        Field(ContentDictionary dictionary, NormalizedText text) {
            this.dictionary = dictionary;
            this.text = text;
        }

        List<PhraseMatch> phrases() {
            if (phrases == null) {
                phrases = dictionary.phrases() == null || text.length() == 0
                        ? List.of()
                        : dictionary.phrases().scan(text);
            }
            return phrases;
        }

        List<StatedRate> rates() {
            if (rates == null) {
                rates = dictionary.rates() == null
                        ? List.of()
                        : dictionary.rates().extract(text, phrases());
            }
            return rates;
        }

        List<ObfuscationSign> signs() {
            if (signs == null) {
                signs = text.raw().isEmpty()
                        ? List.of()
                        : dictionary.obfuscation().detectObfuscation(text);
            }
            return signs;
        }
    }
}
