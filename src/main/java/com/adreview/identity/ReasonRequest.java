package com.adreview.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an operator removes a link. */
@Schema(description = "Why the link is removed.")
public record ReasonRequest(
        @NotBlank @Size(max = 2000) @Schema(description = "Why.", example = "代理关系已终止", required = true)
                String reason) {}
