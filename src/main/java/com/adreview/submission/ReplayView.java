package com.adreview.submission;

import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored decision re-made from its stored inputs and the pack version that made it. */
@Schema(name = "Replay", description = "A decision replayed: same package, same context, same pack version.")
public record ReplayView(
        @Schema(description = "The submission replayed.") String submissionId,
        @Schema(description = "The pack version that made the decision, and replayed it.") String policyVersion,
        @Schema(description = "The kept pack's files hash to that version again.") boolean packIntact,
        @Schema(description = "The stored package is the one the audit trail recorded the decision on.")
                boolean packageIntact,
        @Schema(description = "The stored context (time, complaint record, suspensions) is the one recorded.")
                boolean contextIntact,
        @Schema(description = "The status the decision gave.") SubmissionStatus storedStatus,
        @Schema(description = "The status the replay gives.") SubmissionStatus replayedStatus,
        @Schema(description = "Status and every finding (topic, rule, outcome, message, evidence) are the same.")
                boolean matches,
        @Schema(description = "What differs, when something does.") List<String> differences,
        @Schema(description = "The replayed findings.") List<Finding> findings) {}
