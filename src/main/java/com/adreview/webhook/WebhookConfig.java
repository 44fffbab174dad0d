package com.adreview.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Delivery of ad changes to webhook subscribers. */
@ConfigMapping(prefix = "adreview.webhook")
public interface WebhookConfig {

    /** How often the deliverer looks for new changes and due retries. */
    @WithDefault("250ms")
    Duration pollInterval();

    /** Wait before the first retry of a failed delivery; doubled after each further failure. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** The longest wait between retries. */
    @WithDefault("5m")
    Duration maxBackoff();

    /** How long a subscriber has to answer one delivery. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * The key subscribers' signing secrets are derived from (base64, 32 bytes or more): a subscriber's
     * secret is HMAC-SHA256(key, its id), so the store holds none. Configuration, from a Secret in
     * production; changing it changes every subscriber's secret.
     */
    Optional<String> signingKey();

    /** Whether the service refuses to start without a signing key (the production profile). */
    @WithDefault("false")
    boolean signingKeyRequired();

    /** Changes sent to one subscriber per poll, in order. */
    @WithDefault("50")
    int batchSize();

    /**
     * Host names of internal subscribers, exact (case-insensitive, no wildcards), that may resolve to
     * addresses that are not public (loopback, private, link-local, …). Every other subscriber must
     * resolve only to public addresses, at registration and at every delivery.
     */
    Optional<List<String>> allowedHosts();

    /**
     * Networks in CIDR notation ({@code 10.20.0.0/16}, {@code fd00:1::/64}; a bare address is one host)
     * where subscribers may be reached although they are not public.
     */
    Optional<List<String>> allowedNetworks();
}
