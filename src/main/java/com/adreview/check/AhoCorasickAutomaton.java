package com.adreview.check;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho–Corasick automaton over UTF-16 chars reporting every (possibly overlapping) occurrence of every pattern.
 *
 * <p>Built once, then frozen into flat arrays so a scan allocates nothing: the root has a direct 64K-entry
 * transition table (most scan steps fall back to the root in CJK text), other states keep their few
 * transitions as a sorted slice searched by bisection.
 */
final class AhoCorasickAutomaton {

    /** Receives one call per occurrence, in order of increasing end position. */
    interface HitSink {
        void hit(int patternId, int endExclusive);
    }

    private static final int ROOT = 0;
    private static final int NO_STATE = -1;

    private final int[] rootTransitions = new int[Character.MAX_VALUE + 1];
    private final int[] edgeOffsets;
    private final char[] edgeChars;
    private final int[] edgeTargets;
    private final int[] failure;
    /** Nearest state along the failure chain that has outputs; ROOT (which never has outputs) ends the chain. */
    private final int[] outputLink;

    private final int[] outputOffsets;
    private final int[] outputs;

    private AhoCorasickAutomaton(List<Map<Character, Integer>> children, List<List<Integer>> patternsEndingAt) {
        int states = children.size();
        edgeOffsets = new int[states + 1];
        int edgeCount = children.stream().mapToInt(Map::size).sum();
        edgeChars = new char[edgeCount];
        edgeTargets = new int[edgeCount];
        freezeEdges(children);
        for (Map.Entry<Character, Integer> edge : children.get(ROOT).entrySet()) {
            rootTransitions[edge.getKey()] = edge.getValue();
        }
        outputOffsets = new int[states + 1];
        outputs = freezeOutputs(patternsEndingAt, outputOffsets);
        failure = new int[states];
        outputLink = new int[states];
        linkFailures();
    }

    /** Builds the automaton; pattern ids are indexes into {@code patterns}, which must all be non-empty. */
    static AhoCorasickAutomaton build(List<String> patterns) {
        List<Map<Character, Integer>> children = new ArrayList<>();
        List<List<Integer>> patternsEndingAt = new ArrayList<>();
        children.add(new HashMap<>());
        patternsEndingAt.add(new ArrayList<>(1));
        for (int id = 0; id < patterns.size(); id++) {
            String pattern = patterns.get(id);
            if (pattern.isEmpty()) {
                throw new IllegalArgumentException("pattern " + id + " is empty");
            }
            int state = ROOT;
            for (int i = 0; i < pattern.length(); i++) {
                Integer target = children.get(state).get(pattern.charAt(i));
                if (target == null) {
                    target = children.size();
                    children.add(new HashMap<>());
                    patternsEndingAt.add(new ArrayList<>(1));
                    children.get(state).put(pattern.charAt(i), target);
                }
                state = target;
            }
            patternsEndingAt.get(state).add(id);
        }
        return new AhoCorasickAutomaton(children, patternsEndingAt);
    }

    /** Reports every occurrence of every pattern in {@code text}. */
    void scan(String text, HitSink sink) {
        int state = ROOT;
        for (int i = 0; i < text.length(); i++) {
            state = step(state, text.charAt(i));
            int reporting = hasOutputs(state) ? state : outputLink[state];
            while (reporting != ROOT) {
                for (int k = outputOffsets[reporting]; k < outputOffsets[reporting + 1]; k++) {
                    sink.hit(outputs[k], i + 1);
                }
                reporting = outputLink[reporting];
            }
        }
    }

    private int step(int state, char c) {
        int current = state;
        while (current != ROOT) {
            int target = child(current, c);
            if (target != NO_STATE) {
                return target;
            }
            current = failure[current];
        }
        return rootTransitions[c];
    }

    private int child(int state, char c) {
        int low = edgeOffsets[state];
        int high = edgeOffsets[state + 1] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            char midChar = edgeChars[mid];
            if (midChar < c) {
                low = mid + 1;
            } else if (midChar > c) {
                high = mid - 1;
            } else {
                return edgeTargets[mid];
            }
        }
        return NO_STATE;
    }

    private void freezeEdges(List<Map<Character, Integer>> children) {
        int next = 0;
        for (int state = 0; state < children.size(); state++) {
            edgeOffsets[state] = next;
            Character[] keys = children.get(state).keySet().toArray(new Character[0]);
            Arrays.sort(keys);
            for (Character key : keys) {
                edgeChars[next] = key;
                edgeTargets[next] = children.get(state).get(key);
                next++;
            }
        }
        edgeOffsets[children.size()] = next;
    }

    private static int[] freezeOutputs(List<List<Integer>> patternsEndingAt, int[] offsets) {
        int total = patternsEndingAt.stream().mapToInt(List::size).sum();
        int[] flat = new int[total];
        int next = 0;
        for (int state = 0; state < patternsEndingAt.size(); state++) {
            offsets[state] = next;
            for (int id : patternsEndingAt.get(state)) {
                flat[next++] = id;
            }
        }
        offsets[patternsEndingAt.size()] = next;
        return flat;
    }

    /** Breadth-first, so a state's failure target is always finished before the state itself. */
    private void linkFailures() {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = edgeOffsets[ROOT]; k < edgeOffsets[ROOT + 1]; k++) {
            int child = edgeTargets[k];
            failure[child] = ROOT;
            outputLink[child] = ROOT;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            for (int k = edgeOffsets[state]; k < edgeOffsets[state + 1]; k++) {
                int child = edgeTargets[k];
                int fallback = step(failure[state], edgeChars[k]);
                failure[child] = fallback;
                outputLink[child] = hasOutputs(fallback) ? fallback : outputLink[fallback];
                queue.add(child);
            }
        }
    }

    private boolean hasOutputs(int state) {
        return outputOffsets[state] < outputOffsets[state + 1];
    }
}
