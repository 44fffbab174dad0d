package com.adreview.decision;

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
        @Schema(description = "What triggered it.") List<Evidence> evidence) {

    public Finding {
        evidence = List.copyOf(evidence);
    }
}
