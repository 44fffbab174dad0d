package com.adreview.identity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A confirmed link between two advertiser accounts. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        name = "EntityLink",
        description = "Two advertiser accounts a person confirmed to be one business: their complaint records join.")
public record LinkView(
        @Schema(description = "Id of the link.") String id,
        @Schema(description = "The two accounts.") List<String> accounts,
        @Schema(description = "Whether the link stands; removed links are kept for the record.") boolean active,
        @Schema(description = "Who confirmed it.", example = "user:admin") String confirmedBy,
        @Schema(description = "When.") Instant confirmedAt,
        @Schema(description = "Why.") String reason,
        @Schema(description = "The review case whose verdict confirmed it, if one did.") String caseId,
        @Schema(description = "Who removed it.") String removedBy,
        @Schema(description = "When it was removed.") Instant removedAt,
        @Schema(description = "Why it was removed.") String removalReason) {}
