package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "PolicyShadow",
        description =
                "The shadow pack: every decision is made under it too; what it disagreed with since installation.")
public record ShadowView(
        SimulationView.PackRef candidate,
        String installedBy,
        Instant installedAt,
        @Schema(description = "When it was removed; absent while it decides.") Instant removedAt,
        String removedBy,
        @Schema(description = "Decisions it made too, and those where it disagreed (status or findings).")
                SimulationView.Summary summary,
        @Schema(description = "The newest disagreements.") List<Sample> samples) {

    @Schema(name = "PolicyShadowSample", description = "A decision the shadow pack disagreed with.")
    public record Sample(
            Instant decidedAt,
            String accountId,
            String adId,
            Category category,
            @Schema(description = "The decision of the pack in force.") SubmissionStatus from,
            @Schema(description = "The shadow's.") SubmissionStatus to,
            List<Finding> appearing,
            List<Finding> disappearing) {}
}
