package com.adreview.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The advertiser disputes findings of a rejected or pulled submission. */
@Schema(description = "An appeal: why the advertiser disputes which findings, with their evidence.")
public record AppealRequest(
        @NotBlank @Size(max = 4000) @Schema(description = "Why the findings are wrong.", required = true) String reason,
        @Size(max = 8000)
                @Schema(
                        description = "The advertiser's evidence: licence numbers, documents, links.",
                        example = "ICP证 京ICP证160221号 的持有人即为广告主，见附件。")
                String evidence,
        @NotEmpty
                @Size(max = 50)
                @Schema(
                        description = "Rule ids of the disputed findings (of the decision, or of the pull).",
                        required = true,
                        example = "[\"complaint-count-reject\"]")
                List<@NotBlank @Size(max = 100) String> findings) {}
