package com.adreview.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.surge.SurgeService;
import io.quarkus.arc.Arc;
import java.time.Duration;

/** Complaint surges are checked after a complaint's 201, on the instance's surge worker: tests wait for it. */
public final class Surges {

    private Surges() {}

    /** Waits until every complaint recorded so far has been checked for surges (and counted by category). */
    public static void checked() {
        SurgeService surges = Arc.container().instance(SurgeService.class).get();
        assertThat(surges.awaitChecked(Duration.ofSeconds(30)))
                .as("complaints checked for surges")
                .isTrue();
    }
}
