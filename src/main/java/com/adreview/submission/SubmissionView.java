package com.adreview.submission;

import com.adreview.engine.Category;
import com.adreview.engine.Decision;
import com.adreview.engine.SubmissionStatus;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored submission as the API shows it. */
@Schema(name = "Submission", description = "One revision of an ad with the decision made on it.")
public record SubmissionView(
        @Schema(description = "Id of this submission (one revision of the ad).", example = "6740c1d2e4b0a1b2c3d4e5f6")
                String id,
        @Schema(description = "The advertiser's id of the ad.", example = "p2p-spring-2026") String adId,
        @Schema(description = "Advertiser account the ad belongs to.", example = "acct-10086") String accountId,
        @Schema(
                        description = "1 for the first submission of the ad, then 2, 3, … for each resubmission.",
                        example = "1")
                int revision,
        @Schema(description = "Whether this is the ad's latest revision.") boolean current,
        @Schema(description = "What the ad promotes.") Category category,
        @Schema(description = "APPROVED, REJECTED, PENDING_REVIEW, or PULLED.") SubmissionStatus status,
        @Schema(description = "When it was received.") Instant receivedAt,
        @Schema(description = "When its status last changed.") Instant updatedAt,
        @Schema(description = "The decision of the policy pack on this revision at intake.") Decision decision,
        @Schema(description = "Every later change of status (pulls, reviews), oldest first.")
                java.util.List<StatusChange> statusChanges,
        @JsonProperty("package")
                @Schema(description = "The ad package exactly as submitted.", implementation = Object.class)
                JsonNode adPackage) {}
