package com.adreview.review;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** The review queue: how long a claim lasts and when a case is overdue. */
@ConfigMapping(prefix = "adreview.review")
public interface ReviewConfig {

    /** How long a claim keeps a case away from other reviewers; a lapsed claim returns it to the queue. */
    @WithDefault("15M")
    Duration lease();

    /** Time to a decision before a case is overdue, for categories without their own entry in {@link #sla()}. */
    @WithDefault("24H")
    Duration defaultSla();

    /** Time to a decision per category (its enum name), e.g. {@code adreview.review.sla.P2P_LENDING=4H}. */
    Map<String, Duration> sla();

    /** The time zone the console shows times in. */
    @WithDefault("Asia/Shanghai")
    java.time.ZoneId consoleZone();

    /** The SLA of a category. */
    default Duration slaFor(String category) {
        return sla().getOrDefault(category, defaultSla());
    }
}
