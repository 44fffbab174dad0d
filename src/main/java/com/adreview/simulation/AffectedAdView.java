package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
        name = "PolicySimulationAd",
        description = "An ad the candidate changes: its status under each pack and the findings only one makes.")
public record AffectedAdView(
        @Schema(description = "The submission (revision) decided.") String submissionId,
        @Schema(description = "The advertiser's id of the ad.") String adId,
        @Schema(description = "The advertiser's account.") String accountId,
        @Schema(description = "The revision of the ad.") int revision,
        @Schema(description = "The ad's category.") Category category,
        @Schema(description = "Its status in the store when it was decided.") SubmissionStatus status,
        @Schema(description = "Its status under the pack in force (a live ad rejected is PULLED).")
                SubmissionStatus from,
        @Schema(description = "Its status under the candidate.") SubmissionStatus to,
        @Schema(description = "Findings only the candidate makes.") List<Finding> appearing,
        @Schema(description = "Findings only the pack in force makes.") List<Finding> disappearing) {

    @Schema(name = "PolicySimulationAdPage", description = "A page of affected ads, in submission order.")
    public record Page(
            @Schema(description = "The affected ads of this page.") List<AffectedAdView> items,
            @Schema(description = "Pass as `cursor` to get the next page; absent on the last page.") String next) {}
}
