package com.adreview.complaint;

import com.adreview.engine.AdPackage.Money;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored complaint. */
@Schema(name = "Complaint", description = "A complaint as recorded.")
public record ComplaintView(
        @Schema(description = "Id of the complaint.") String id,
        @Schema(description = "Who the complaint is against, identifiers normalised.") ComplaintRequest.Subject subject,
        @Schema(description = "Who reported it.") ComplaintSource source,
        @Schema(description = "What it is about.") ComplaintCategory category,
        @Schema(description = "Money involved, if any.") Money amountInvolved,
        @Schema(description = "What happened.") String description,
        @Schema(description = "Opaque id of the reporter.") String reporterId,
        @Schema(description = "When it was received.") Instant receivedAt,
        @Schema(description = "When it was recorded here.") Instant recordedAt) {}
