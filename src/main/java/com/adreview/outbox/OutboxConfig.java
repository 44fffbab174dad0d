package com.adreview.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How writes left unpublished by a crash are found and published. */
@ConfigMapping(prefix = "adreview.outbox")
public interface OutboxConfig {

    /** How often the instance holding the relay's lease looks for unpublished writes. */
    @WithDefault("30S")
    Duration relayInterval();

    /**
     * How old an unpublished write must be before the relay publishes it: a write in flight publishes
     * itself within milliseconds; the relay is for those whose instance died in between.
     */
    @WithDefault("10S")
    Duration settle();
}
