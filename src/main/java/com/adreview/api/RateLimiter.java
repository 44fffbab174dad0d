package com.adreview.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key (a credential): {@code perSecond} sustained, bursts up to {@code burst}.
 * Counted in this instance only, so with N replicas a key gets up to N times the rate.
 */
public final class RateLimiter {

    private final double perNano;
    private final double capacity;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.capacity = Math.max(1, burst);
    }

    /** Takes a token for the key: 0 when there was one, else the whole seconds to wait (at least 1). */
    public long take(String key) {
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(capacity)).take(System.nanoTime());
        return waitNanos <= 0 ? 0 : Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    /** Tokens refill continuously; a request takes one, or learns how long until one is there. */
    private final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens) {
            this.tokens = tokens;
            this.last = System.nanoTime();
        }

        synchronized long take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perNano);
        }
    }
}
