package com.adreview.review;

import com.adreview.engine.Topic;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A reviewer pulls a live ad by hand, or puts a pulled one back. */
@Schema(description = "A manual pull or reinstatement, with the reviewer's reason.")
public record AdActionRequest(
        @NotBlank
                @Size(max = 2000)
                @Schema(description = "Why; stored in the ad's history.", required = true, example = "用户举报落地页为仿冒支付宝页面")
                String reason,
        @Schema(description = "Pull only: the topic the pull is about, when one applies.") Topic topic) {}
