package com.adreview.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The complaints against the advertising entity as they stood when a decision was made. Part of the
 * evaluation context, so a decision can be replayed with the record it saw.
 */
public record ComplaintRecord(List<Entry> complaints) {

    public static final ComplaintRecord NONE = new ComplaintRecord(List.of());

    static final String USER = "USER";

    /**
     * The stored complaint in the shape the engine counts.
     *
     * @param reporter the normalised reporter id (see the complaint intake); null when none was given
     * @param recordedAt when the engine recorded it; null in records kept before it was stored, where
     *     {@code receivedAt} stands in
     */
    public record Entry(
            String id,
            Instant receivedAt,
            String source,
            BigDecimal amount,
            String currency,
            String reporter,
            Instant recordedAt) {

        /** An entry recorded when it was received, with no reporter. */
        public Entry(String id, Instant receivedAt, String source, BigDecimal amount, String currency) {
            this(id, receivedAt, source, amount, currency, null, null);
        }

        Instant recorded() {
            return recordedAt == null ? receivedAt : recordedAt;
        }

        /**
         * Who stands behind a USER complaint: its reporter, or the complaint alone when it names none
         * (complaints recorded before a reporter id was required).
         */
        public String userKey() {
            return reporter == null || reporter.isEmpty() ? "complaint:" + id : reporter;
        }
    }

    public ComplaintRecord {
        complaints = List.copyOf(complaints);
    }

    /**
     * What the complaints received in the given days up to {@code now} add up to. A USER reporter counts
     * once however many complaints they filed; complaints recorded at or before {@code verdictAt} (a
     * person's verdict on the ad, null for none) are not counted again.
     */
    public Window window(Instant now, long days, String currency, Instant verdictAt) {
        Instant from = now.minusSeconds(days * 86_400);
        long count = 0;
        long regulator = 0;
        long police = 0;
        long institutionalAmounts = 0;
        BigDecimal amount = BigDecimal.ZERO;
        Set<String> reporters = new HashSet<>();
        Map<String, BigDecimal> byReporter = new HashMap<>();
        for (Entry e : complaints) {
            if (e.receivedAt().isBefore(from) || e.receivedAt().isAfter(now)) {
                continue;
            }
            if (verdictAt != null && !e.recorded().isAfter(verdictAt)) {
                continue;
            }
            boolean user = USER.equals(e.source());
            if (!user || reporters.add(e.userKey())) {
                count++;
            }
            regulator += "REGULATOR".equals(e.source()) ? 1 : 0;
            police += "POLICE".equals(e.source()) ? 1 : 0;
            if (e.amount() != null && e.amount().signum() > 0 && currency.equals(e.currency())) {
                amount = amount.add(e.amount());
                if (user) {
                    byReporter.merge(e.userKey(), e.amount(), BigDecimal::add);
                } else {
                    institutionalAmounts++;
                }
            }
        }
        BigDecimal top = byReporter.values().stream().reduce(BigDecimal.ZERO, BigDecimal::max);
        return new Window(
                count,
                regulator,
                police,
                amount.doubleValue(),
                byReporter.size(),
                institutionalAmounts,
                top.doubleValue());
    }

    /** The window with no verdict to respect. */
    public Window window(Instant now, long days, String currency) {
        return window(now, days, currency, null);
    }

    /**
     * What a window holds.
     *
     * @param count complaints, a USER reporter counting once
     * @param amount the sum of the amounts involved in the pack's currency (others are not converted)
     * @param amountReporters distinct USER reporters who stated an amount
     * @param institutionalAmounts REGULATOR, POLICE and MEDIA complaints that stated an amount
     * @param topReporterAmount the most one USER reporter's complaints state together
     */
    public record Window(
            long count,
            long regulator,
            long police,
            double amount,
            long amountReporters,
            long institutionalAmounts,
            double topReporterAmount) {}
}
