package com.adreview.policy;

import com.adreview.check.PhraseList;
import com.adreview.check.RateExtractor;
import com.adreview.engine.ContentDictionary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the phrase files of a pack ({@code phrases/*.yaml}): named phrase lists with their
 * negations and exclusions, and the rate keywords; and its concept lexicons ({@code concepts/*.yaml}),
 * which have the same shape under other names ({@code name}, {@code terms}). Problems are collected
 * with file and line.
 */
final class PhraseFileReader {

    static final String DIR = ContentDictionary.DIRECTORY;
    static final String CONCEPTS_DIR = ContentDictionary.CONCEPTS_DIRECTORY;
    private static final Set<String> FILE_KEYS = Set.of("description", "lists", "rateKeywords");
    private static final Set<String> LIST_KEYS =
            Set.of("id", "family", "description", "phrases", "negations", "exclusions");
    private static final Set<String> CONCEPT_FILE_KEYS = Set.of("description", "concepts");
    private static final Set<String> CONCEPT_KEYS =
            Set.of("id", "name", "description", "terms", "negations", "exclusions");
    private static final Set<String> RATE_KEYS = Set.of("window", "YEAR", "MONTH", "DAY");
    private static final Pattern LIST_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    final List<PhraseList> lists = new ArrayList<>();
    final List<PhraseList> rateKeywords = new ArrayList<>();
    final List<PhraseList> concepts = new ArrayList<>();
    int rateWindow;
    private final Set<String> ids = new HashSet<>();
    private String rateFile;

    void read(String file, String text, List<PackProblem> problems) {
        Optional<YamlMap> parsed = YamlMap.parse(file, text, problems);
        if (parsed.isEmpty()) {
            return;
        }
        YamlMap root = parsed.get();
        root.allowOnly(FILE_KEYS);
        for (YamlMap l : root.mapList("lists")) {
            readList(l);
        }
        root.map("rateKeywords").ifPresent(r -> readRates(file, r));
    }

    /** A concept file: {@code concepts: [{id, name, terms, negations, exclusions}, …]}. */
    void readConcepts(String file, String text, List<PackProblem> problems) {
        Optional<YamlMap> parsed = YamlMap.parse(file, text, problems);
        if (parsed.isEmpty()) {
            return;
        }
        YamlMap root = parsed.get();
        root.allowOnly(CONCEPT_FILE_KEYS);
        if (!root.has("concepts")) {
            root.problem(root.line(), "missing required key 'concepts'");
        }
        for (YamlMap c : root.mapList("concepts")) {
            readEntry(c, CONCEPT_KEYS, "name", "terms", "concept", concepts);
        }
    }

    private void readList(YamlMap l) {
        readEntry(l, LIST_KEYS, "family", "phrases", "list", lists);
    }

    /**
     * A phrase list or a concept: ids share one name space, since both are lists of the one automaton
     * and a rule names them by id.
     */
    private void readEntry(
            YamlMap l, Set<String> keys, String labelKey, String termsKey, String kind, List<PhraseList> into) {
        l.allowOnly(keys);
        String id = l.requiredString("id").orElse(null);
        String label = l.requiredString(labelKey).orElse(null);
        List<String> terms = l.stringList(termsKey);
        if (id != null && !LIST_ID.matcher(id).matches()) {
            l.problem(l.lineOf("id"), kind + " id must be lower-case words joined by '-'");
        }
        if (id != null && !ids.add(id)) {
            l.problem(
                    l.lineOf("id"), "duplicate " + kind + " id '" + id + "' (lists and concepts share one name space)");
        }
        if (terms.isEmpty()) {
            l.problem(l.lineOf(termsKey), kind + " '" + id + "' has no " + termsKey);
        }
        if (id == null || label == null || terms.isEmpty()) {
            return;
        }
        try {
            into.add(new PhraseList(id, label, terms, l.stringList("negations"), l.stringList("exclusions")));
        } catch (IllegalArgumentException e) {
            l.problem(l.line(), kind + " '" + id + "': " + e.getMessage());
        }
    }

    private void readRates(String file, YamlMap r) {
        if (rateFile != null) {
            r.problem(r.line(), "rate keywords are already defined in " + rateFile);
            return;
        }
        rateFile = file;
        r.allowOnly(RATE_KEYS);
        rateWindow = r.optionalString("window").map(w -> parseWindow(r, w)).orElse(12);
        for (RateExtractor.Period period : RateExtractor.Period.values()) {
            List<String> keywords = r.stringList(period.name());
            if (!keywords.isEmpty()) {
                try {
                    rateKeywords.add(RateExtractor.keywords(period, keywords));
                } catch (IllegalArgumentException e) {
                    r.problem(r.lineOf(period.name()), e.getMessage());
                }
            }
        }
        if (rateKeywords.isEmpty()) {
            r.problem(r.line(), "rateKeywords lists none of " + Arrays.toString(RateExtractor.Period.values()));
        }
    }

    private static int parseWindow(YamlMap r, String w) {
        try {
            int n = Integer.parseInt(w);
            if (n > 0 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        r.problem(r.lineOf("window"), "window must be a whole number from 1 to 64");
        return 12;
    }
}
