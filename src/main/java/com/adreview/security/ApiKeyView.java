package com.adreview.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as shown: never its secret, except once, in {@code key}, in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ApiKey", description = "A submission gateway's API key.")
public record ApiKeyView(
        @Schema(description = "Id of the key (also inside the key itself).") String id,
        @Schema(description = "The advertiser account it submits for.") String accountId,
        @Schema(description = "What it is for.") String label,
        @Schema(description = "When it was created.") Instant createdAt,
        @Schema(description = "Who created it.", example = "user:admin") String createdBy,
        @Schema(description = "When it was revoked; absent while it is valid.") Instant revokedAt,
        @Schema(description = "Who revoked it.") String revokedBy,
        @Schema(
                        description = "The key itself, to send in X-Api-Key: shown only in the answer that creates it,"
                                + " never stored.")
                String key) {

    static ApiKeyView of(ApiKeyDocument d, String key) {
        return new ApiKeyView(d.id, d.accountId, d.label, d.createdAt, d.createdBy, d.revokedAt, d.revokedBy, key);
    }
}
