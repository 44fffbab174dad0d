package com.adreview.enforcement;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How category suspensions pull their live ads. */
@ConfigMapping(prefix = "adreview.sweep")
public interface SweepConfig {

    /** Live ads per work item: read, re-decided and pulled together, in one bulk write. */
    @WithDefault("1000")
    int chunkSize();

    /** Work items this instance processes at once (each on its own thread). */
    @WithDefault("2")
    int workers();

    /** A pause after each work item, to spare a store that is busy with intake; none by default. */
    @WithDefault("0ms")
    Duration itemPause();

    /**
     * How long the lease on planning a sweep's round lasts without renewal. The planner renews it after
     * every page of ids it stores, so it can be short: when the planning instance dies, another plans
     * the next round this soon, not after the general lease length.
     */
    @WithDefault("5s")
    Duration planLeaseTtl();

    /** How often an idle worker looks for a suspension with work left. */
    @WithDefault("500ms")
    Duration pollInterval();
}
