package com.adreview.coordination;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How instances sharing one store divide background work between them. */
@ConfigMapping(prefix = "adreview.coordination")
public interface CoordinationConfig {

    /**
     * How long a lease on a piece of background work lasts without renewal. An instance that dies
     * holding one delays that work by at most this long; holders renew well before it runs out.
     */
    @WithDefault("30S")
    Duration leaseTtl();

    /** This instance's name in leases; by default the host name (the pod name in Kubernetes) and a random suffix. */
    Optional<String> instanceName();
}
