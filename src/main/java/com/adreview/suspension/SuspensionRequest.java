package com.adreview.suspension;

import com.adreview.engine.Category;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's request to suspend a category. */
@Schema(name = "SuspensionRequest", description = "Suspend every ad of a category.")
public record SuspensionRequest(
        @Schema(description = "The category to suspend.", example = "P2P_LENDING") @NotNull Category category,
        @Schema(description = "Why.", example = "429 complaints, CNY 40 million involved") @NotBlank @Size(max = 1000)
                String reason) {}
