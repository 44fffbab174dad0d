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
     * The text in order, cut wherever a mark starts or ends; overlapping marks give a piece every
     * topic that covers it. Marks outside the text (a stale offset) are ignored rather than trusted.
     */
    public static List<Segment> segments(String text, List<Mark> marks) {
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        List<Mark> valid = new ArrayList<>();
        for (Mark m : marks) {
            if (m.start() >= 0 && m.end() <= text.length() && m.start() < m.end()) {
                valid.add(m);
                cuts.add(m.start());
                cuts.add(m.end());
            }
        }
        List<Segment> out = new ArrayList<>();
        Integer from = cuts.first();
        for (Integer to : cuts.tailSet(from, false)) {
            Set<String> topics = new TreeSet<>();
            for (Mark m : valid) {
                if (m.start() <= from && m.end() >= to) {
                    topics.add(m.topic());
                }
            }
            Segment piece = new Segment(text.substring(from, to), topics);
            Segment last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.topics().equals(topics)) {
                out.set(out.size() - 1, new Segment(last.text() + piece.text(), topics));
            } else {
                out.add(piece);
            }
            from = to;
        }
        return out;
    }
}
