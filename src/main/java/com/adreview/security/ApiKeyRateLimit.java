package com.adreview.security;

import com.adreview.api.HttpEdge;
import com.adreview.api.ProblemException;
import com.adreview.api.RateLimiter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one gateway's key may take of the service, on each instance: a token bucket of
 * {@code adreview.security.rate-limit.per-second} requests (bursts up to {@code burst}), and at most
 * {@code max-in-flight} requests at once, so that one tenant's heavy submissions cannot hold every
 * worker while another tenant waits. Beyond either, a 429 problem with {@code Retry-After}. With N
 * replicas behind a load balancer a key gets up to N times as much.
 */
@ApplicationScoped
public class ApiKeyRateLimit {

    private final SecurityConfig config;
    private final ObjectMapper json;
    private final RateLimiter limiter;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public ApiKeyRateLimit(SecurityConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.limiter = new RateLimiter(
                config.rateLimit().perSecond(), config.rateLimit().burst());
    }

    void install(@Observes Router router) {
        router.route().order(HttpEdge.ORDER + 10).handler(this::limit);
    }

    private void limit(RoutingContext rc) {
        String key = ApiKeyService.idOf(rc.request().getHeader(ApiKeyAuthenticationMechanism.HEADER))
                .orElse(null);
        if (key == null) {
            rc.next();
            return;
        }
        long seconds = limiter.take(key);
        if (seconds > 0) {
            HttpEdge.respond(
                    rc,
                    ProblemException.tooManyRequests(
                            "API key " + key + " is over its rate of "
                                    + config.rateLimit().perSecond() + " requests per second; retry after " + seconds
                                    + " s",
                            seconds),
                    json);
            return;
        }
        AtomicInteger running = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        if (running.incrementAndGet() > config.rateLimit().maxInFlight()) {
            running.decrementAndGet();
            HttpEdge.respond(
                    rc,
                    ProblemException.tooManyRequests(
                            "API key " + key + " has " + config.rateLimit().maxInFlight()
                                    + " requests in flight already; retry after 1 s",
                            1),
                    json);
            return;
        }
        // However the request ends (answered, failed, the client gone), its place is given back once.
        rc.addEndHandler(done -> running.decrementAndGet());
        rc.next();
    }
}
