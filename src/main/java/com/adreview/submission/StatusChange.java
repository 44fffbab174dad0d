package com.adreview.submission;

import com.adreview.decision.Decision;
import com.adreview.decision.SubmissionStatus;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a submission's status after its decision at intake, with what caused it. */
@Schema(description = "A change of status after intake: a pull, a reviewer's decision.")
public record StatusChange(
        @Schema(description = "When it changed.") Instant at,
        @Schema(description = "Status before.") SubmissionStatus from,
        @Schema(description = "Status after.") SubmissionStatus to,
        @Schema(description = "What caused it.", example = "COMPLAINT") String cause,
        @Schema(description = "The complaint that tipped it, when a complaint did.") String complaintId,
        @Schema(description = "The re-evaluation that decided it, with its findings.") Decision decision) {}
