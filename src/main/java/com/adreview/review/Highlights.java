package com.adreview.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Cuts a field's raw text into plain and highlighted pieces, from evidence offsets into that text. */
public final class Highlights {

    private Highlights() {}

    /** Evidence about part of a text: where it is and what it was about. */
    public record Mark(int start, int end, String topic) {}

    /** A piece of the text; {@code topics} is empty for text no evidence points at. */
    public record Segment(String text, Set<String> topics) {
        public boolean marked() {
            return !topics.isEmpty();
        }

        public String label() {
            return String.join(", ", topics);
        }
    }

    /**
     * The text in order, cut around each highlight. Marks that overlap are merged into one highlight with
     * every topic of its marks (evidence "仅剩最后" and "仅剩" of one field is one highlighted "仅剩最后", not
     * two pieces that read as a repeat). Marks outside the text (a stale offset) are ignored rather than trusted.
     */
    public static List<Segment> segments(String text, List<Mark> marks) {
        List<Mark> valid = new ArrayList<>();
        for (Mark m : marks) {
            if (m.start() >= 0 && m.end() <= text.length() && m.start() < m.end()) {
                valid.add(m);
            }
        }
        valid.sort(java.util.Comparator.comparingInt(Mark::start));
        List<Segment> out = new ArrayList<>();
        int at = 0;
        int i = 0;
        while (i < valid.size()) {
            int start = valid.get(i).start();
            int end = valid.get(i).end();
            Set<String> topics = new TreeSet<>();
            while (i < valid.size() && valid.get(i).start() < end) {
                end = Math.max(end, valid.get(i).end());
                topics.add(valid.get(i).topic());
                i++;
            }
            if (start > at) {
                out.add(new Segment(text.substring(at, start), Set.of()));
            }
            out.add(new Segment(text.substring(start, end), topics));
            at = end;
        }
        if (at < text.length()) {
            out.add(new Segment(text.substring(at), Set.of()));
        }
        return out;
    }

    /** Evidence ranges [start, end) of one field merged where they overlap, in order. */
    public static List<int[]> merged(List<int[]> ranges) {
        List<int[]> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingInt(r -> r[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] r : sorted) {
            int[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && r[0] < last[1]) {
                last[1] = Math.max(last[1], r[1]);
            } else {
                out.add(new int[] {r[0], r[1]});
            }
        }
        return out;
    }
}
