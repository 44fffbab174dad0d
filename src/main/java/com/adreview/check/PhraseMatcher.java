package com.adreview.check;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Scans ad copy against a {@link PhraseDictionary}: one normalisation, one automaton pass, then context rules.
 *
 * <p>A raw hit is dropped when its list's negation prefix directly precedes it or one of its list's exclusion
 * phrases covers it. Of the surviving hits, all lists are reported even when they overlap; within one list id
 * a hit lying inside another hit of that list is dropped, so the longest phrase wins.
 */
public final class PhraseMatcher {

    private final PhraseDictionary dictionary;

    public PhraseMatcher(PhraseDictionary dictionary) {
        this.dictionary = Objects.requireNonNull(dictionary, "dictionary");
    }

    /** Matches in {@code raw}, ordered by position (longer first at the same start). */
    public List<PhraseMatch> scan(String raw) {
        return scan(dictionary.normalizer().normalize(raw));
    }

    /** As {@link #scan(String)} for text already normalised by the dictionary's normaliser. */
    public List<PhraseMatch> scan(NormalizedText normalized) {
        Objects.requireNonNull(normalized, "normalized");
        Hits hits = new Hits(normalized.length(), dictionary.phraseCount());
        String text = normalized.text();
        dictionary.automaton().scan(text, (phraseId, end) -> {
            CompiledPhrase phrase = dictionary.phrase(phraseId);
            int start = end - phrase.length();
            if (!phrase.isExcludedAt(text, start) && !phrase.list().isNegatedAt(normalized, start)) {
                hits.add(phraseId, start, end);
            }
        });
        return hits.count == 0 ? List.of() : longestPerList(hits, normalized);
    }

    private List<PhraseMatch> longestPerList(Hits hits, NormalizedText normalized) {
        // Text order, longer first at the same start, so containment can be decided in one sweep.
        Arrays.sort(hits.keys, 0, hits.count);
        // Every earlier hit starts at or before the current one, so it contains the current hit iff it ends later.
        int[] furthestEnd = new int[dictionary.listIdCount()];
        Arrays.fill(furthestEnd, -1);
        PhraseMatch[] matches = new PhraseMatch[hits.count];
        int kept = 0;
        for (int k = 0; k < hits.count; k++) {
            long key = hits.keys[k];
            CompiledPhrase phrase = dictionary.phrase(hits.phraseId(key));
            int start = hits.start(key);
            int end = start + phrase.length();
            int ordinal = phrase.list().ordinal();
            if (furthestEnd[ordinal] >= end) {
                continue;
            }
            furthestEnd[ordinal] = end;
            matches[kept++] = toMatch(phrase, start, end, normalized);
        }
        return List.of(kept == matches.length ? matches : Arrays.copyOf(matches, kept));
    }

    private static PhraseMatch toMatch(CompiledPhrase phrase, int start, int end, NormalizedText normalized) {
        int rawStart = normalized.rawStart(start);
        int rawEnd = normalized.rawEnd(end);
        return new PhraseMatch(
                phrase.list().listId(),
                phrase.list().family(),
                phrase.text(),
                phrase.normalized(),
                start,
                end,
                rawStart,
                rawEnd,
                normalized.raw());
    }

    /**
     * The surviving hits of one scan, each packed in a long that sorts in sweep order — start, then
     * end descending (the longer first), then phrase id — so the scan allocates no object per hit.
     */
    private static final class Hits {
        private final int textBits;
        private final int idBits;
        private final long maxEnd;
        private long[] keys = new long[16];
        private int count;

        Hits(int textLength, int phraseCount) {
            textBits = 32 - Integer.numberOfLeadingZeros(textLength + 1);
            idBits = 32 - Integer.numberOfLeadingZeros(phraseCount);
            maxEnd = (1L << textBits) - 1;
            if (2 * textBits + idBits > 63) {
                throw new IllegalArgumentException("text of " + textLength + " chars is too long to scan");
            }
        }

        void add(int phraseId, int start, int end) {
            if (count == keys.length) {
                keys = Arrays.copyOf(keys, count * 2);
            }
            keys[count++] = ((long) start << (textBits + idBits)) | ((maxEnd - end) << idBits) | phraseId;
        }

        int start(long key) {
            return (int) (key >>> (textBits + idBits));
        }

        int phraseId(long key) {
            return (int) (key & ((1L << idBits) - 1));
        }
    }
}
