package com.adreview.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The ad change feed. */
@ConfigMapping(prefix = "adreview.feed")
public interface FeedConfig {

    /**
     * How long a reader waits for a missing sequence number before reading past it: longer than any
     * write of one entry can take, so none is skipped; a number still missing after it was abandoned.
     */
    @WithDefault("5s")
    Duration settleTime();
}
