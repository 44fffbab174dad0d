package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ChartTest {

    @Test
    void countsPerDayLandOnTheirDayAndSeries() {
        var counts = DashboardService.counted(
                List.of("2026-12-01", "2026-12-02"),
                Map.of(
                        "A", Map.of("2026-12-01", 1L, "2026-12-02", 1L, "2026-11-30", 1L),
                        "B", Map.of("2026-12-02", 1L)));
        assertThat(counts.series().get("A")).containsExactly(1, 1);
        assertThat(counts.series().get("B")).containsExactly(0, 1);
    }

    @Test
    void barsStackToTheirDayTotalAndTheDescriptionNamesTheNumbers() {
        Map<String, int[]> series = new TreeMap<>();
        series.put("APPROVED", new int[] {2, 0, 4});
        series.put("REJECTED", new int[] {2, 1, 0});
        Chart chart = Chart.of("d", "Decisions", new DashboardService.DayCounts(List.of("d1", "d2", "d3"), series));
        assertThat(chart.max()).isEqualTo(4);
        assertThat(chart.totals()).containsExactly(4, 1, 4);
        assertThat(chart.description())
                .isEqualTo("Decisions: 9 in 3 days (d1 to d3), at most 4 a day; APPROVED 6, REJECTED 3");
        // Day 1: two segments stacked to the full height.
        List<Chart.Segment> day1 =
                chart.segments().stream().filter(s -> s.x() == 0).toList();
        assertThat(day1).hasSize(2);
        assertThat(day1.stream().mapToInt(Chart.Segment::height).sum()).isEqualTo(Chart.HEIGHT);
        assertThat(day1).extracting(Chart.Segment::title).containsExactly("d1 APPROVED: 2", "d1 REJECTED: 2");
        assertThat(chart.rows()).extracting(Chart.Row::total).containsExactly(6, 3);
    }

    @Test
    void anEmptyRangeIsAnEmptyChart() {
        Chart chart = Chart.of("e", "Empty", new DashboardService.DayCounts(List.of("d1"), Map.of()));
        assertThat(chart.segments()).isEmpty();
        assertThat(chart.description()).isEqualTo("Empty: 0 in 1 days (d1 to d1), at most 0 a day");
    }

    @Test
    void agesFallInTheirBuckets() {
        assertThat(DashboardService.bucket(Duration.ofMinutes(5))).isZero();
        assertThat(DashboardService.bucket(Duration.ofHours(2))).isEqualTo(1);
        assertThat(DashboardService.bucket(Duration.ofHours(10))).isEqualTo(2);
        assertThat(DashboardService.bucket(Duration.ofDays(2))).isEqualTo(3);
        assertThat(DashboardService.bucket(Duration.ofDays(30))).isEqualTo(4);
        assertThat(DashboardService.top(List.of("b", "a", "b", "c", "a", "b"), 2))
                .containsExactly(new DashboardService.Count("b", 3), new DashboardService.Count("a", 2));
    }
}
