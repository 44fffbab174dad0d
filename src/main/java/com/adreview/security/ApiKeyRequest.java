package com.adreview.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new gateway key. */
@Schema(name = "ApiKeyRequest", description = "A new API key for a submission gateway.")
public record ApiKeyRequest(
        @Schema(description = "The advertiser account the gateway submits for.", example = "acct-hengyuan")
                @NotBlank
                @Size(max = 128)
                String accountId,
        @Schema(description = "What the key is for, to tell keys apart.", example = "gateway eu-1") @Size(max = 200)
                String label) {}
