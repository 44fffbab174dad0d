package com.adreview.complaint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How complaints are taken in and carried into decisions. */
@ConfigMapping(prefix = "adreview.complaint")
public interface ComplaintConfig {

    /**
     * How many of one USER reporter's complaints (the latest) a decision's complaint record carries. The
     * pack counts a reporter once however many they file; this only keeps one reporter's flood of
     * complaints from bloating every decision (and every stored decision context) about the entity.
     */
    @WithDefault("10")
    int entriesPerReporter();

    /** Complaint intake per credential (API key or signed-in person). */
    Intake intake();

    interface Intake {
        /** Complaints one credential may record per second, sustained; beyond it, 429 with Retry-After. */
        @WithDefault("10")
        double perSecond();

        /** How many it may record at once before the sustained rate applies. */
        @WithDefault("100")
        int burst();
    }
}
