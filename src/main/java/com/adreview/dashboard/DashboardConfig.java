package com.adreview.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The dashboard: how the backfill of day counts for a store older than them is looked after. */
@ConfigMapping(prefix = "adreview.dashboard")
public interface DashboardConfig {

    /**
     * How often the instance holding the backfill's lease looks for a backfill to start or resume (a
     * request on this instance starts it at once). Idle, a look is one read.
     */
    @WithDefault("30s")
    Duration backfillInterval();

    /**
     * Records the backfill reads per page (per round trip, in id order); the embedded store holds the
     * collection for that long, so pages are kept well under a live request's budget.
     */
    @WithDefault("2000")
    int backfillPageSize();
}
