package com.adreview.security;

import com.adreview.api.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per API key: {@code adreview.security.rate-limit.per-second} sustained, with
 * bursts up to {@code burst}; beyond that a 429 problem with {@code Retry-After}. Counted in each
 * instance, so with N replicas behind a load balancer a key gets up to N times the rate.
 */
@ApplicationScoped
public class ApiKeyRateLimit {

    private final SecurityConfig config;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ApiKeyRateLimit(SecurityConfig config) {
        this.config = config;
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        ApiKeys.idOf(request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER))
                .ifPresent(key -> {
                    long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(config.rateLimit()))
                            .take(System.nanoTime());
                    if (waitNanos > 0) {
                        long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
                        throw ProblemException.tooManyRequests(
                                "API key " + key + " is over its rate of "
                                        + config.rateLimit().perSecond() + " requests per second; retry after "
                                        + seconds + " s",
                                seconds);
                    }
                });
    }

    /** Tokens refill continuously; a request takes one, or learns how long until one is there. */
    static final class Bucket {
        private final double perNano;
        private final double capacity;
        private double tokens;
        private long last;

        Bucket(SecurityConfig.RateLimit limit) {
            this.perNano = limit.perSecond() / 1e9;
            this.capacity = Math.max(1, limit.burst());
            this.tokens = capacity;
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
