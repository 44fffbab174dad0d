package com.adreview.identity;

import com.adreview.engine.IdentityConflict;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An identity conflict waiting for a reviewer. */
@Schema(
        name = "IdentityConflict",
        description = "A submission naming identifiers other accounts hold, with no confirmed link; a reviewer decides"
                + " in the review case whether the accounts are one business.")
public record ConflictView(
        @Schema(description = "The review case that decides it.") String caseId,
        @Schema(description = "The submission naming the identifiers.") String submissionId,
        @Schema(description = "Its ad.") String adId,
        @Schema(description = "The account whose submission names them.") String claimant,
        @Schema(description = "The identifiers, each with the account holding it.") List<IdentityConflict> identifiers,
        @Schema(description = "When the case opened.") Instant openedAt) {}
