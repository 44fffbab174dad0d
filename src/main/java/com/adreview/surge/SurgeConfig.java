package com.adreview.surge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How complaint surges are watched; the thresholds themselves are the pack's ({@code surges:} in pack.yaml). */
@ConfigMapping(prefix = "adreview.surge")
public interface SurgeConfig {

    /**
     * How often every category, and every entity with recent complaints, is checked as of now, by the one
     * instance holding the lease: besides the check each complaint triggers for its own entities and
     * categories, this notices a surge that a quiet day would otherwise leave unupdated.
     */
    @WithDefault("1h")
    Duration checkInterval();

    /**
     * How long the surge worker, taking a recorded complaint, waits for more to check with it: complaints
     * arriving together share their categories' and entities' checks (a surge is told over days; its alert
     * opening this much later changes nothing), and the checks leave the complaints' own requests alone.
     */
    @WithDefault("250ms")
    Duration gather();

    /** At most this many rising entities are named in a category's alert (all are counted). */
    @WithDefault("50")
    int entitiesNamed();
}
