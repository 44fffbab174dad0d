package com.adreview.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator's confirmation that two accounts are one business. */
@Schema(description = "Two advertiser accounts to link, and why they are one business.")
public record LinkRequest(
        @NotNull
                @Size(min = 2, max = 2)
                @Schema(
                        description = "The two accounts.",
                        example = "[\"acct-10086\", \"acct-10087\"]",
                        required = true)
                List<@NotBlank @Size(max = 128) String> accounts,
        @NotBlank
                @Size(max = 2000)
                @Schema(
                        description = "Why: the evidence they are one business.",
                        example = "子公司，见工商登记",
                        required = true)
                String reason) {}
