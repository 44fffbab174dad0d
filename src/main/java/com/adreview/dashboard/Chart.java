package com.adreview.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stacked bar chart of counts per day, laid out for server-side SVG: every bar segment with its place,
 * its series and a title naming its number, and the table of the same numbers. No script, no CDN.
 */
public record Chart(
        String id,
        String title,
        String description,
        int width,
        int height,
        int max,
        List<String> days,
        List<Legend> legend,
        List<Segment> segments,
        List<Row> rows,
        List<Integer> totals) {

    /** A series and the colour class it is drawn in. */
    public record Legend(String name, String css, int total) {}

    /** One series' part of one day's bar. */
    public record Segment(int x, int y, int width, int height, String css, String title) {}

    /** One series' counts, day by day, as the table shows them. */
    public record Row(String name, List<Integer> counts, int total) {}

    static final int HEIGHT = 160;
    static final int WIDTH = 720;

    static Chart of(String id, String title, DashboardService.DayCounts counts) {
        List<String> days = counts.days();
        int n = days.size();
        int barWidth = Math.max(4, WIDTH / Math.max(1, n));
        int[] totals = new int[n];
        counts.series().values().forEach(c -> {
            for (int i = 0; i < n; i++) {
                totals[i] += c[i];
            }
        });
        int max = 1;
        for (int t : totals) {
            max = Math.max(max, t);
        }
        List<Legend> legend = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        int[] stacked = new int[n];
        int s = 0;
        for (Map.Entry<String, int[]> e : counts.series().entrySet()) {
            String css = "s" + (s++ % 8);
            int total = 0;
            List<Integer> row = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int v = e.getValue()[i];
                total += v;
                row.add(v);
                if (v > 0) {
                    int bottom = (int) Math.round((double) HEIGHT * stacked[i] / max);
                    stacked[i] += v;
                    int top = (int) Math.round((double) HEIGHT * stacked[i] / max);
                    segments.add(new Segment(
                            i * barWidth,
                            HEIGHT - top,
                            Math.max(1, barWidth - 1),
                            Math.max(1, top - bottom),
                            css,
                            days.get(i) + " " + e.getKey() + ": " + v));
                }
            }
            legend.add(new Legend(e.getKey(), css, total));
            rows.add(new Row(e.getKey(), row, total));
        }
        List<Integer> dayTotals = new ArrayList<>(n);
        for (int t : totals) {
            dayTotals.add(t);
        }
        int sum = dayTotals.stream().mapToInt(Integer::intValue).sum();
        String description = title + ": " + sum + " in " + n + " days (" + days.get(0) + " to " + days.get(n - 1)
                + "), at most " + (max == 1 && sum == 0 ? 0 : max) + " a day"
                + (legend.isEmpty()
                        ? ""
                        : "; "
                                + String.join(
                                        ", ",
                                        legend.stream()
                                                .map(l -> l.name() + " " + l.total())
                                                .toList()));
        return new Chart(id, title, description, n * barWidth, HEIGHT, max, days, legend, segments, rows, dayTotals);
    }
}
