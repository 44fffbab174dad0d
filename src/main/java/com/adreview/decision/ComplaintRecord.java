package com.adreview.decision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The complaints against the advertising entity as they stood when a decision was made: every
 * complaint naming any of the entity's identifiers. Part of the evaluation context, so a decision
 * can be replayed with the record it saw.
 */
public record ComplaintRecord(List<Entry> complaints) {

    public static final ComplaintRecord NONE = new ComplaintRecord(List.of());

    /** The stored complaint in the shape the engine counts. */
    public record Entry(String id, Instant receivedAt, String source, BigDecimal amount, String currency) {}

    public ComplaintRecord {
        complaints = List.copyOf(complaints);
    }

    /** Counts and amounts of the complaints received in the given days up to {@code now}. */
    public Window window(Instant now, long days, String currency) {
        Instant from = now.minusSeconds(days * 86_400);
        long count = 0;
        long regulator = 0;
        long police = 0;
        BigDecimal amount = BigDecimal.ZERO;
        for (Entry e : complaints) {
            if (e.receivedAt().isBefore(from) || e.receivedAt().isAfter(now)) {
                continue;
            }
            count++;
            regulator += "REGULATOR".equals(e.source()) ? 1 : 0;
            police += "POLICE".equals(e.source()) ? 1 : 0;
            if (e.amount() != null && currency.equals(e.currency())) {
                amount = amount.add(e.amount());
            }
        }
        return new Window(count, regulator, police, amount.doubleValue());
    }

    /**
     * What a window holds.
     *
     * @param amount the sum of the amounts involved in the pack's currency (others are not converted)
     */
    public record Window(long count, long regulator, long police, double amount) {}
}
