package com.adreview.check;

import java.util.ArrayList;
import java.util.List;

/**
 * One dictionary phrase in matching form, with its exclusions pre-resolved to "the exclusion text must start
 * this many chars before the match", so checking an exclusion at scan time is a single region comparison.
 */
final class CompiledPhrase {

    private final CompiledList list;
    private final String text;
    private final String normalized;
    private final String[] exclusionTexts;
    private final int[] exclusionOffsets;

    CompiledPhrase(CompiledList list, String text, String normalized, List<String> normalizedExclusions) {
        this.list = list;
        this.text = text;
        this.normalized = normalized;
        List<String> texts = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        for (String exclusion : normalizedExclusions) {
            if (exclusion.equals(normalized)) {
                throw new IllegalArgumentException("exclusion \"" + exclusion + "\" in list " + list.listId()
                        + " equals phrase \"" + text + "\" and would silence it everywhere");
            }
            for (int at = exclusion.indexOf(normalized); at >= 0; at = exclusion.indexOf(normalized, at + 1)) {
                texts.add(exclusion);
                offsets.add(at);
            }
        }
        this.exclusionTexts = texts.toArray(new String[0]);
        this.exclusionOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
    }

    CompiledList list() {
        return list;
    }

    String text() {
        return text;
    }

    String normalized() {
        return normalized;
    }

    int length() {
        return normalized.length();
    }

    /** Whether an exclusion occurrence covers this phrase matched at normalised index {@code start}. */
    boolean isExcludedAt(String normalizedText, int start) {
        for (int k = 0; k < exclusionTexts.length; k++) {
            int exclusionStart = start - exclusionOffsets[k];
            if (exclusionStart >= 0 && normalizedText.startsWith(exclusionTexts[k], exclusionStart)) {
                return true;
            }
        }
        return false;
    }
}
