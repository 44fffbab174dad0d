package com.adreview.engine;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The result of evaluating one package under one policy pack at one moment. */
@Schema(description = "The decision of the policy pack on a package.")
public record Decision(
        @Schema(description = "Content hash of the policy pack that decided.", example = "sha256:9f2c…")
                String policyVersion,
        @Schema(description = "When the decision was made.") Instant decidedAt,
        @Schema(description = "Every rule that fired, in pack order.") List<Finding> findings) {

    public Decision {
        findings = List.copyOf(findings);
    }

    /** The status these findings give a new submission. */
    public SubmissionStatus status() {
        return SubmissionStatus.of(findings);
    }
}
