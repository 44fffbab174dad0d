package com.adreview.security;

import com.adreview.api.ProblemException;
import com.adreview.api.RateLimiter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A token bucket per API key: {@code adreview.security.rate-limit.per-second} sustained, with
 * bursts up to {@code burst}; beyond that a 429 problem with {@code Retry-After}. Counted in each
 * instance, so with N replicas behind a load balancer a key gets up to N times the rate.
 */
@ApplicationScoped
public class ApiKeyRateLimit {

    private final SecurityConfig config;
    private final RateLimiter limiter;

    public ApiKeyRateLimit(SecurityConfig config) {
        this.config = config;
        this.limiter = new RateLimiter(
                config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        ApiKeys.idOf(request.getHeaderString(ApiKeyAuthenticationMechanism.HEADER))
                .ifPresent(key -> {
                    long seconds = limiter.take(key);
                    if (seconds > 0) {
                        throw ProblemException.tooManyRequests(
                                "API key " + key + " is over its rate of "
                                        + config.rateLimit().perSecond() + " requests per second; retry after "
                                        + seconds + " s",
                                seconds);
                    }
                });
    }
}
