package com.adreview.engine;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One rule of the policy pack that fired on a package. */
@Schema(description = "A rule that fired, with its topic, effect, reason, legal basis and evidence.")
public record Finding(
        @Schema(description = "Stable topic from the documented vocabulary.", example = "ICP_NOT_COMMERCIAL")
                Topic topic,
        @Schema(description = "The policy pack's own id of the rule.", example = "icp-filing-for-financial")
                String ruleId,
        @Schema(description = "What the finding does to the submission.") Outcome outcome,
        @Schema(description = "Why, for the advertiser.", example = "金融类广告须持有经营性ICP许可证（ICP证），备案号不足。") String message,
        @Schema(description = "The law or guideline the rule rests on.") String citation,
        @Schema(description = "What triggered it (at most the first " + Finding.MAX_EVIDENCE + ").")
                List<Evidence> evidence,
        @Schema(description = "How many more pieces of evidence there were beyond those listed (0: none).")
                int moreEvidence) {

    /**
     * The most evidence one finding lists: 5,000 zero-width characters are one finding with twenty
     * quotes and a count, not a 330 KB answer.
     */
    public static final int MAX_EVIDENCE = 20;

    public Finding {
        if (evidence.size() > MAX_EVIDENCE) {
            moreEvidence += evidence.size() - MAX_EVIDENCE;
            evidence = evidence.subList(0, MAX_EVIDENCE);
        }
        evidence = List.copyOf(evidence);
    }

    /** A finding with all its evidence (cut to the first {@link #MAX_EVIDENCE}, the rest counted). */
    public Finding(
            Topic topic, String ruleId, Outcome outcome, String message, String citation, List<Evidence> evidence) {
        this(topic, ruleId, outcome, message, citation, evidence, 0);
    }
}
