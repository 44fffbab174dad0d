package com.adreview.identity;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An operator gives an identifier to an account. */
@Schema(description = "The account that is to hold the identifier, and why.")
public record HolderAssignment(
        @NotBlank @Size(max = 128) @Schema(description = "The account.", example = "acct-10086", required = true)
                String accountId,
        @NotBlank
                @Size(max = 2000)
                @Schema(description = "Why: the evidence it is theirs.", example = "营业执照与ICP备案主体一致", required = true)
                String reason) {}
