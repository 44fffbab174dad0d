package com.adreview.simulation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Policy simulations: what a candidate pack may be, and how the background job walks the store. */
@ConfigMapping(prefix = "adreview.simulation")
public interface SimulationConfig {

    /** Most files (and directories) a candidate pack's archive may hold. */
    @WithDefault("500")
    int maxEntries();

    /** Most bytes the archive's files may hold once unpacked, all together (a zip bomb stops here). */
    @WithDefault("8388608")
    long maxUnpackedBytes();

    /** Most bytes one unpacked file may hold. */
    @WithDefault("2097152")
    long maxFileBytes();

    /** Most days of past submissions a simulation may add on request. */
    @WithDefault("90")
    int maxRecentDays();

    /**
     * Ads read, decided twice and recorded per step: one page of ids, one read of the ads, one write. On
     * the embedded store a page costs a pass over the part's index entries, so pages are large.
     */
    @WithDefault("5000")
    int batchSize();

    /** How often an idle instance looks for a simulation to run (a new one wakes it at once). */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * How long a running simulation stays with its instance without a step: past it, another instance
     * takes it over and goes on from the last step recorded.
     */
    @WithDefault("60s")
    Duration leaseTtl();

    /**
     * How often each instance reads the shadow pack's installation (and adds the disagreements it saw to
     * its counts): an installation or removal reaches every instance within this time.
     */
    @WithDefault("2s")
    Duration shadowRefresh();

    /**
     * How long an ended simulation's results (and a candidate pack no kept simulation or shadow uses) are
     * kept; then they are deleted, hourly. The audit trail keeps who simulated what, with both digests.
     */
    @WithDefault("30d")
    Duration retention();

    /**
     * Decisions waiting for the shadow worker, at most, per instance: beyond, a decision is counted as not
     * compared rather than wait (the request path never waits for the shadow).
     */
    @WithDefault("10000")
    int shadowQueue();

    /** Most disagreements of one shadow installation kept as samples (the counts go on beyond). */
    @WithDefault("1000")
    int shadowMaxSamples();
}
