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
public final class ContentScan {

    /** Something found in a field: its raw span and what it is (phrase family, rate, sign). */
    public record Hit(String field, int start, int end, String text, String label) {
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
        return matcher.find(this, variables);
    }

    /** A text field of the copy, normalised on first demand. */
    public Field field(String path) {
        Field field = fields.get(path);
        if (field == null) {
            Object value = PolicyInput.valueAt(document, path);
            field = new Field(dictionary, dictionary.normalizer().normalize(value instanceof String s ? s : ""));
            fields.put(path, field);
        }
        return field;
    }

    /** One field's text and, once asked for, what the dictionary finds in it. */
    public static final class Field {
        private final ContentDictionary dictionary;
        private final NormalizedText text;
        private List<PhraseMatch> phrases;
        /** Bit n set when the scan found a phrase of the list numbered n ({@link ContentDictionary#ordinal}). */
        private long[] found;

        private List<StatedRate> rates;
        private List<ObfuscationSign> signs;
        private int[] sentenceEnds;

        Field(ContentDictionary dictionary, NormalizedText text) {
            this.dictionary = dictionary;
            this.text = text;
        }

        public NormalizedText text() {
            return text;
        }

        public List<PhraseMatch> phrases() {
            if (phrases == null) {
                phrases = dictionary.phrases() == null || text.length() == 0
                        ? List.of()
                        : dictionary.phrases().scan(text);
            }
            return phrases;
        }

        /**
         * Whether the scan found a phrase of the list or concept {@code listId} in this field: a rule
         * whose lists or concepts are absent is passed over without looking at the matches one by one.
         */
        public boolean has(String listId) {
            if (found == null) {
                found = new long[(dictionary.ordinalCount() + 63) / 64];
                for (PhraseMatch m : phrases()) {
                    int n = dictionary.ordinal(m.listId());
                    found[n >>> 6] |= 1L << n;
                }
            }
            int n = dictionary.ordinal(listId);
            return n >= 0 && (found[n >>> 6] & (1L << n)) != 0;
        }

        /** The matches of the list or concept {@code listId}, in text order; empty if none. */
        public List<PhraseMatch> of(String listId) {
            if (!has(listId)) {
                return List.of();
            }
            List<PhraseMatch> of = new ArrayList<>(2);
            for (PhraseMatch m : phrases()) {
                if (m.listId().equals(listId)) {
                    of.add(m);
                }
            }
            return of;
        }

        public List<StatedRate> rates() {
            if (rates == null) {
                rates = dictionary.rates() == null
                        ? List.of()
                        : dictionary.rates().extract(text, phrases());
            }
            return rates;
        }

        /**
         * The ordinal of the sentence holding raw offset {@code rawOffset}: sentences end at 。！？!?；;
         * …, a line break, or a full stop followed by white space or the end of the text.
         */
        public int sentenceOf(int rawOffset) {
            if (sentenceEnds == null) {
                sentenceEnds = sentenceEnds(text.raw());
            }
            int lo = 0;
            int hi = sentenceEnds.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (sentenceEnds[mid] < rawOffset) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static int[] sentenceEnds(String raw) {
            int[] ends = new int[8];
            int n = 0;
            for (int i = 0; i < raw.length(); i++) {
                char c = raw.charAt(i);
                boolean end =
                        switch (c) {
                            case '。', '！', '？', '!', '?', '；', ';', '…', '\n', '\r' -> true;
                            case '.' -> i + 1 == raw.length() || Character.isWhitespace(raw.charAt(i + 1));
                            default -> false;
                        };
                if (end) {
                    if (n == ends.length) {
                        ends = java.util.Arrays.copyOf(ends, n * 2);
                    }
                    ends[n++] = i;
                }
            }
            return java.util.Arrays.copyOf(ends, n);
        }

        public List<ObfuscationSign> signs() {
            if (signs == null) {
                signs = text.raw().isEmpty()
                        ? List.of()
                        : dictionary.obfuscation().detectObfuscation(text);
            }
            return signs;
        }
    }
}
