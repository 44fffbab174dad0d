package com.adreview.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every API endpoint shares. */
@ConfigMapping(prefix = "adreview.api")
public interface ApiConfig {

    /** Largest request body accepted, in bytes; larger ones get 413 before they are read. */
    @WithDefault("262144")
    int maxBodyBytes();

    /**
     * The service's public address ({@code https://ads-review.example.com}), for the {@code Location} of
     * what a request creates and as the service's own origin; absent, {@code Location} is a path, never
     * built from the request's {@code Host}.
     */
    java.util.Optional<String> publicBaseUrl();

    /** Page size when a list request does not ask for one. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page a list request may ask for; more is a 400, not a silent cut. */
    @WithDefault("100")
    int maxPageSize();

    /** How long an Idempotency-Key is remembered: the same key and body within it get the first answer. */
    @WithDefault("24H")
    java.time.Duration idempotencyRetention();

    /**
     * How long a request may hold its Idempotency-Key in flight; one holding it longer was cut short (its
     * instance died), and the key answers 409 until it expires, since whether it took effect is unknown.
     */
    @WithDefault("2M")
    java.time.Duration idempotencyInFlightTimeout();
}
