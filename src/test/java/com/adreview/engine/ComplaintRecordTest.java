package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComplaintRecordTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");

    private static ComplaintRecord.Entry user(String reporter, long daysAgo, String amount) {
        Instant at = NOW.minusSeconds(daysAgo * 86_400);
        return new ComplaintRecord.Entry(
                "c" + Math.abs((reporter + daysAgo + amount).hashCode()),
                at,
                "USER",
                amount == null ? null : new BigDecimal(amount),
                "CNY",
                reporter,
                at);
    }

    private static ComplaintRecord.Entry official(String source, long daysAgo, String amount, long recordedDaysAgo) {
        return new ComplaintRecord.Entry(
                source + daysAgo,
                NOW.minusSeconds(daysAgo * 86_400),
                source,
                amount == null ? null : new BigDecimal(amount),
                "CNY",
                null,
                NOW.minusSeconds(recordedDaysAgo * 86_400));
    }

    @Test
    void aUserReporterCountsOnceAndTheirAmountsAddUp() {
        List<ComplaintRecord.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(user("r-1", i, "100000"));
        }
        entries.add(user("r-2", 3, "5"));
        ComplaintRecord.Window w = new ComplaintRecord(entries).window(NOW, 90, "CNY", null);

        assertThat(w.count()).isEqualTo(2);
        assertThat(w.amount()).isEqualTo(2_000_005.0);
        assertThat(w.amountReporters()).isEqualTo(2);
        assertThat(w.topReporterAmount()).isEqualTo(2_000_000.0);
        assertThat(w.institutionalAmounts()).isZero();
    }

    @Test
    void userComplaintsWithoutAReporterFromOlderRecordsEachCount() {
        List<ComplaintRecord.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            entries.add(new ComplaintRecord.Entry("old-" + i, NOW.minusSeconds(86_400), "USER", null, "CNY"));
        }
        assertThat(new ComplaintRecord(entries).window(NOW, 90, "CNY").count()).isEqualTo(3);
    }

    @Test
    void officialSourcesCountEachAndTheirAmountsAreInstitutional() {
        ComplaintRecord record = new ComplaintRecord(List.of(
                official("REGULATOR", 5, null, 5), official("MEDIA", 4, "300", 4), official("POLICE", 3, "0", 3)));
        ComplaintRecord.Window w = record.window(NOW, 90, "CNY", null);

        assertThat(w.count()).isEqualTo(3);
        assertThat(w.regulator()).isEqualTo(1);
        assertThat(w.police()).isEqualTo(1);
        assertThat(w.institutionalAmounts()).isEqualTo(1);
        assertThat(w.amountReporters()).isZero();
    }

    @Test
    void aVerdictLeavesOutWhatWasRecordedUpToItNotWhatWasReceived() {
        Instant verdict = NOW.minusSeconds(10 * 86_400);
        ComplaintRecord record = new ComplaintRecord(List.of(
                official("REGULATOR", 30, null, 30), // seen by the reviewer
                official("POLICE", 30, null, 2), // received before, recorded after: not seen
                official("MEDIA", 10, null, 10))); // recorded at the very moment of the verdict: seen

        ComplaintRecord.Window w = record.window(NOW, 90, "CNY", verdict);

        assertThat(w.count()).isEqualTo(1);
        assertThat(w.police()).isEqualTo(1);
        assertThat(w.regulator()).isZero();
        assertThat(record.window(NOW, 90, "CNY", null).count()).isEqualTo(3);
    }

    @Test
    void amountsInAnotherCurrencyAndOutsideTheWindowDoNotAddUp() {
        ComplaintRecord record = new ComplaintRecord(List.of(
                new ComplaintRecord.Entry("usd", NOW, "USER", new BigDecimal("999"), "USD", "r-1", NOW),
                user("r-2", 91, "1000000")));
        ComplaintRecord.Window w = record.window(NOW, 90, "CNY", null);

        assertThat(w.count()).isEqualTo(1);
        assertThat(w.amount()).isZero();
        assertThat(w.amountReporters()).isZero();
    }

    /**
     * Replay decides as of the decision's time with the record stored now: complaints received after that
     * time are not in its window, whoever filed them (issue 21, gap 2).
     */
    @Test
    void complaintsReceivedAfterTheDecisionTimeAreNotCounted() {
        ComplaintRecord record = new ComplaintRecord(List.of(
                user("before", 3, "1000"),
                user("later", -1, "50000"),
                official("REGULATOR", -2, "70000", -2),
                official("POLICE", 1, null, 1)));
        ComplaintRecord.Window window = record.window(NOW, 90, "CNY");
        assertThat(window).isEqualTo(new ComplaintRecord.Window(2, 0, 1, 1000.0, 1, 0, 1000.0));
        // A day later both late complaints are in.
        ComplaintRecord.Window dayAfter = record.window(NOW.plusSeconds(2 * 86_400), 90, "CNY");
        assertThat(dayAfter).isEqualTo(new ComplaintRecord.Window(4, 1, 1, 121000.0, 2, 1, 50000.0));
    }
}
