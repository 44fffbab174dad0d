package com.adreview.dashboard;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.complaint.ComplaintService;
import com.adreview.feed.AdChangeFeed;
import com.adreview.review.ReviewQueue;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of the operation at a glance: decisions, findings, pulls and complaints per day (UTC days,
 * each read by an index of equalities on the day), and the review queue with its ages. Each panel is
 * computed on its own, so a page and a benchmark can time them one by one.
 */
@ApplicationScoped
public class DashboardService {

    /** The ranges a person may pick, in days. */
    public static final List<Integer> RANGES = List.of(7, 30, 90);

    /** Age buckets of the review queue: upper bounds, the last open-ended. */
    static final List<Duration> AGE_BOUNDS =
            List.of(Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(3));

    public static final List<String> AGE_LABELS = List.of("< 1 h", "1–4 h", "4–24 h", "1–3 d", "> 3 d");

    private final SubmissionService submissions;
    private final ComplaintService complaints;
    private final ReviewQueue queue;
    private final AdChangeFeed feed;
    private final Clock clock;

    public DashboardService(
            SubmissionService submissions,
            ComplaintService complaints,
            ReviewQueue queue,
            AdChangeFeed feed,
            Clock clock) {
        this.submissions = submissions;
        this.complaints = complaints;
        this.queue = queue;
        this.feed = feed;
        this.clock = clock;
    }

    /** Counts per day of each series, days oldest first. */
    public record DayCounts(List<String> days, Map<String, int[]> series) {}

    /** A name with how often it occurred. */
    public record Count(String name, int count) {}

    /** Decisions per day by status, and the most frequent topics and rules. */
    public record Decisions(DayCounts perDay, List<Count> topics, List<Count> rules) {}

    /** One kind of review case waiting: how many, how many past their due time, and their ages. */
    public record QueueRow(String kind, int waiting, int overdue, int[] ages) {}

    /** A panel's numbers as a table: column names and rows of cells (text or counts). */
    public record Table(List<String> header, List<List<Object>> rows) {}

    /** The panels whose numbers can be had as a table, by the ids the page gives them. */
    public static final List<String> PANELS = List.of(
            "decisions",
            "pulls",
            "complaints-category",
            "complaints-source",
            "complaints-ad-category",
            "topics",
            "rules",
            "queue");

    /** The numbers of one panel over the days, as the page shows them. */
    public Table table(String panel, List<String> days) {
        return switch (panel) {
            case "decisions" -> perDay(decisions(days).perDay());
            case "pulls" -> perDay(pulls(days));
            case "complaints-category" -> perDay(counted(days, complaints.perDay("category", days)));
            case "complaints-source" -> perDay(counted(days, complaints.perDay("source", days)));
            case "complaints-ad-category" -> perDay(counted(days, complaints.perDay("adCategory", days)));
            case "topics" -> ranked("topic", top(submissions.decisionsPerDay("topic", days), 10));
            case "rules" -> ranked("rule", top(submissions.decisionsPerDay("rule", days), 10));
            case "queue" -> queueTable(queue());
            default -> throw new ProblemException(
                    404,
                    "urn:adreview:problem:not-found",
                    "Not found",
                    "No dashboard panel " + panel,
                    List.of(new FieldError("panel", "must be one of " + PANELS)));
        };
    }

    /** One row per day: the day, each series' count, the day's total. */
    static Table perDay(DayCounts counts) {
        List<String> header = new ArrayList<>();
        header.add("day");
        header.addAll(counts.series().keySet());
        header.add("total");
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < counts.days().size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(counts.days().get(i));
            int total = 0;
            for (int[] c : counts.series().values()) {
                row.add(c[i]);
                total += c[i];
            }
            row.add(total);
            rows.add(row);
        }
        return new Table(header, rows);
    }

    private static Table ranked(String what, List<Count> counts) {
        return new Table(
                List.of(what, "count"),
                counts.stream().map(c -> List.<Object>of(c.name(), c.count())).toList());
    }

    private static Table queueTable(List<QueueRow> queue) {
        List<String> header = new ArrayList<>(List.of("kind", "waiting", "overdue"));
        header.addAll(AGE_LABELS);
        List<List<Object>> rows = new ArrayList<>();
        for (QueueRow q : queue) {
            List<Object> row = new ArrayList<>(List.of(q.kind(), q.waiting(), q.overdue()));
            for (int n : q.ages()) {
                row.add(n);
            }
            rows.add(row);
        }
        return new Table(header, rows);
    }

    /** The range's UTC days, oldest first, ending today. */
    public List<String> days(int range) {
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        List<String> days = new ArrayList<>(range);
        for (int i = range - 1; i >= 0; i--) {
            days.add(today.minusDays(i).toString());
        }
        return days;
    }

    public Decisions decisions(List<String> days) {
        return new Decisions(
                counted(days, submissions.decisionsPerDay("status", days)),
                top(submissions.decisionsPerDay("topic", days), 10),
                top(submissions.decisionsPerDay("rule", days), 10));
    }

    /** Pulls per day by cause: complaints, a category's suspension, a person, a change of identity. */
    public DayCounts pulls(List<String> days) {
        return counted(days, feed.pullsPerDay(days));
    }

    /** Complaints per day, by what they are about and by who reported them. */
    public Map<String, DayCounts> complaints(List<String> days) {
        Map<String, DayCounts> out = new java.util.LinkedHashMap<>();
        for (String dimension : List.of("category", "source", "adCategory")) {
            out.put(dimension, counted(days, complaints.perDay(dimension, days)));
        }
        return out;
    }

    /** Kept daily counts (value → day → count) as series over the days. */
    static DayCounts counted(List<String> days, Map<String, Map<String, Long>> counts) {
        Map<String, int[]> series = new TreeMap<>();
        counts.forEach((value, byDay) -> {
            int[] c = new int[days.size()];
            for (int i = 0; i < days.size(); i++) {
                c[i] = byDay.getOrDefault(days.get(i), 0L).intValue();
            }
            series.put(value, c);
        });
        return new DayCounts(days, series);
    }

    /** The values with the highest totals over the days. */
    static List<Count> top(Map<String, Map<String, Long>> counts, int n) {
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), (int) e.getValue().values().stream()
                        .mapToLong(Long::longValue)
                        .sum()))
                .sorted(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::name))
                .limit(n)
                .toList();
    }

    /** The queue now: per kind, how many wait, how many are overdue, and how old they are. */
    public List<QueueRow> queue() {
        Instant now = clock.instant();
        Map<String, QueueRow> rows = new TreeMap<>();
        for (ReviewQueue.Waiting w : queue.undecided()) {
            String kind = w.kind() == null ? "UNKNOWN" : w.kind().name();
            QueueRow row = rows.computeIfAbsent(kind, k -> new QueueRow(k, 0, 0, new int[AGE_LABELS.size()]));
            boolean overdue = w.dueAt() != null && w.dueAt().isBefore(now);
            row.ages()[bucket(w.openedAt() == null ? Duration.ZERO : Duration.between(w.openedAt(), now))]++;
            rows.put(kind, new QueueRow(kind, row.waiting() + 1, row.overdue() + (overdue ? 1 : 0), row.ages()));
        }
        return List.copyOf(rows.values());
    }

    static int bucket(Duration age) {
        for (int i = 0; i < AGE_BOUNDS.size(); i++) {
            if (age.compareTo(AGE_BOUNDS.get(i)) < 0) {
                return i;
            }
        }
        return AGE_BOUNDS.size();
    }

    static List<Count> top(List<String> names, int n) {
        Map<String, Integer> counts = new HashMap<>();
        names.forEach(name -> counts.merge(name, 1, Integer::sum));
        return counts.entrySet().stream()
                .map(e -> new Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::name))
                .limit(n)
                .toList();
    }
}
