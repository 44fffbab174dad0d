package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AhoCorasickAutomatonTest {

    @Test
    void reportsOverlappingAndNestedOccurrences() {
        AhoCorasickAutomaton automaton = AhoCorasickAutomaton.build(List.of("he", "she", "his", "hers"));
        List<String> hits = new ArrayList<>();
        automaton.scan("ushers", (id, end) -> hits.add(id + "@" + end));

        assertThat(hits).containsExactlyInAnyOrder("1@4", "0@4", "3@6");
    }

    @Test
    void agreesWithNaiveSearchOnSeededRandomInput() {
        Random random = new Random(20_240_601L);
        for (int round = 0; round < 300; round++) {
            List<String> patterns = new ArrayList<>();
            int patternCount = 1 + random.nextInt(12);
            for (int p = 0; p < patternCount; p++) {
                patterns.add(randomString(random, 1 + random.nextInt(4), "abc保本"));
            }
            String text = randomString(random, random.nextInt(60), "abc保本x");
            AhoCorasickAutomaton automaton = AhoCorasickAutomaton.build(patterns);

            Set<String> found = new HashSet<>();
            automaton.scan(text, (id, end) -> found.add(id + "@" + end));

            assertThat(found).as("patterns %s in %s", patterns, text).isEqualTo(naive(patterns, text));
        }
    }

    private static Set<String> naive(List<String> patterns, String text) {
        Set<String> expected = new HashSet<>();
        for (int id = 0; id < patterns.size(); id++) {
            String pattern = patterns.get(id);
            for (int at = text.indexOf(pattern); at >= 0; at = text.indexOf(pattern, at + 1)) {
                expected.add(id + "@" + (at + pattern.length()));
            }
        }
        return expected;
    }

    private static String randomString(Random random, int length, String alphabet) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
