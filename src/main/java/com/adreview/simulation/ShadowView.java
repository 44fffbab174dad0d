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
        @Schema(description = "The candidate pack deciding in the shadow.") SimulationView.PackRef candidate,
        @Schema(description = "Who installed it.") String installedBy,
        @Schema(description = "When it was installed.") Instant installedAt,
        @Schema(description = "When it was removed; absent while it decides.") Instant removedAt,
        @Schema(description = "Who removed it; absent while it decides.") String removedBy,
        @Schema(description = "Decisions it made too, and those where it disagreed (status or findings).")
                SimulationView.Summary summary,
        @Schema(
                        description =
                                "Decisions of the pack in force the shadow did not decide too: it fell behind (its queue"
                                        + " was full) or failed on them. They are not in the counts.")
                long notCompared,
        @Schema(description = "The newest disagreements.") List<Sample> samples) {

    @Schema(name = "PolicyShadowSample", description = "A decision the shadow pack disagreed with.")
    public record Sample(
            @Schema(description = "When the decision was made.") Instant decidedAt,
            @Schema(description = "The advertiser's account.") String accountId,
            @Schema(description = "The advertiser's id of the ad.") String adId,
            @Schema(description = "The ad's category.") Category category,
            @Schema(description = "The decision of the pack in force.") SubmissionStatus from,
            @Schema(description = "The shadow's.") SubmissionStatus to,
            @Schema(description = "Findings only the shadow makes.") List<Finding> appearing,
            @Schema(description = "Findings only the pack in force makes.") List<Finding> disappearing) {}
}
