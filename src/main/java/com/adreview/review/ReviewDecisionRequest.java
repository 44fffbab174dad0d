package com.adreview.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer's verdict on a case they hold the lease on. */
@Schema(description = "A reviewer's verdict, with the reason and any finding added or dismissed.")
public record ReviewDecisionRequest(
        @NotNull @Schema(description = "APPROVE or REJECT (for an appeal: grant or deny it).", required = true)
                ReviewVerdict outcome,
        @NotBlank
                @Size(max = 2000)
                @Schema(
                        description = "Why; stored with the case and shown to the advertiser.",
                        required = true,
                        example = "限时抢购属实为店庆活动，附活动公告。")
                String reason,
        @Size(max = 50) @Schema(description = "Findings the reviewer adds, or dismisses by rule id.")
                List<@Valid @NotNull ReviewerFinding> findings,
        @Schema(
                        description = "Required on an IDENTITY_CONFLICT case, and only there: true when the claimant"
                                + " account and the holders are one business (an agency, a subsidiary), which links"
                                + " them so their records join; false when they are not, which rejects (or pulls) the"
                                + " claimant's submission, so the outcome must be REJECT.")
                Boolean sameBusiness) {

    public List<ReviewerFinding> findingsOrEmpty() {
        return findings == null ? List.of() : findings;
    }
}
