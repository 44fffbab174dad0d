package com.adreview.review;

import com.adreview.engine.Topic;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A finding a reviewer adds (topic and message, optionally the field and text it is about), or a
 * finding of the case the reviewer dismisses (its rule id).
 */
@Schema(description = "ADD: topic + message (+ field, text). DISMISS: the ruleId of one of the case's findings.")
public record ReviewerFinding(
        @NotNull @Schema(description = "ADD or DISMISS.", required = true) FindingAction action,
        @Size(max = 100) @Schema(description = "DISMISS: the rule id of the finding.", example = "pressure-tactics")
                String ruleId,
        @Schema(description = "ADD: the topic of the new finding.") Topic topic,
        @Size(max = 2000) @Schema(description = "ADD: what the reviewer found.") String message,
        @Size(max = 100) @Schema(description = "ADD: the field it is in.", example = "creative.body") String field,
        @Size(max = 2000) @Schema(description = "ADD: the text it is about, as submitted.") String text) {}
