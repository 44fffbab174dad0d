package com.adreview;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The service's background loops: webhook delivery and suspension sweeps. */
@ConfigMapping(prefix = "adreview.background")
public interface BackgroundConfig {

    /**
     * At shutdown, how long background loops get to finish what they are doing before they are
     * interrupted. Keep it, plus quarkus.shutdown.delay and quarkus.shutdown.timeout, under the pod's
     * terminationGracePeriodSeconds.
     */
    @WithDefault("5s")
    Duration stopGrace();
}
