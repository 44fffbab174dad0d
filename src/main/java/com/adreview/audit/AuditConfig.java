package com.adreview.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Optional;

/** The audit trail's signed checkpoints. */
@ConfigMapping(prefix = "adreview.audit")
public interface AuditConfig {

    /**
     * The Ed25519 private key that signs checkpoints: its 32 bytes (RFC 8032), base64. Configuration,
     * never the database, so that someone who can write the store cannot sign a rewritten trail. The
     * public key is derived from it and published with every checkpoint.
     */
    Optional<String> signingKey();

    /** Whether the service refuses to start without a signing key (the production profile). */
    @WithDefault("false")
    boolean signingKeyRequired();

    /** How often the trail's end is signed, when it has moved since the last checkpoint. */
    @WithDefault("5M")
    Duration checkpointInterval();

    /**
     * The trail is also signed at every entry whose seq is a multiple of this, as it is appended: with
     * the interval, this bounds how many of the newest entries no checkpoint covers yet, the only ones
     * someone who can write the store could remove or rewrite without verification naming it.
     */
    @WithDefault("1000")
    @Positive
    int checkpointEntries();
}
