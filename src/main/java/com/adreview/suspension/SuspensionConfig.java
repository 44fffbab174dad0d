package com.adreview.suspension;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a category suspension meets the intake that was deciding when it began. */
@ConfigMapping(prefix = "adreview.suspension")
public interface SuspensionConfig {

    /**
     * How long an intake that read the active suspensions may still store the ads it decided with them.
     * An intake that read them just before a suspension began may store an approved ad of the category
     * after the suspension's sweep has looked: the sweep therefore finishes only with a round begun this
     * long after the suspension began, and an intake that took more than half of it between reading the
     * suspensions and storing refuses to store (503, retry). The instances' clocks must agree to well
     * within it.
     */
    @WithDefault("10s")
    Duration intakeSettle();
}
