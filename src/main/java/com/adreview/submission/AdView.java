package com.adreview.submission;

import com.adreview.decision.SubmissionStatus;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An ad across its revisions: its status is that of its latest revision. */
@Schema(name = "Ad", description = "An ad, its current status and every revision submitted.")
public record AdView(
        @Schema(example = "p2p-spring-2026") String adId,
        @Schema(example = "acct-10086") String accountId,
        @Schema(description = "Status of the latest revision.") SubmissionStatus status,
        @Schema(description = "The latest revision number.") int currentRevision,
        @Schema(description = "Every revision, newest first.") List<Revision> revisions) {

    @Schema(description = "One revision of the ad.")
    public record Revision(
            String submissionId, int revision, SubmissionStatus status, Instant receivedAt, String policyVersion) {}
}
