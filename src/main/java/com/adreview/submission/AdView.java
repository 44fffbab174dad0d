package com.adreview.submission;

import com.adreview.engine.SubmissionStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An ad across its revisions: its status is that of its latest revision. */
@Schema(name = "Ad", description = "An ad, its current status and every revision submitted.")
public record AdView(
        @Schema(description = "The advertiser's id of the ad.", example = "p2p-spring-2026") String adId,
        @Schema(description = "Advertiser account the ad belongs to.", example = "acct-10086") String accountId,
        @Schema(description = "Status of the latest revision.") SubmissionStatus status,
        @Schema(description = "The latest revision number.") int currentRevision,
        @Schema(description = "Every revision, newest first.") List<Revision> revisions) {

    @Schema(description = "One revision of the ad.")
    public record Revision(
            @Schema(description = "Id of the submission holding this revision.") String submissionId,
            @Schema(description = "Revision number, from 1.") int revision,
            @Schema(description = "Status of this revision.") SubmissionStatus status,
            @Schema(description = "When this revision was received.") Instant receivedAt,
            @Schema(description = "Policy pack version that decided it.") String policyVersion) {}
}
