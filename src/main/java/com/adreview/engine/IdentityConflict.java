package com.adreview.engine;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An identifier the package names that another advertiser account holds, with no confirmed link
 * between the two: the package's account may not borrow that account's record, nor lend it its own.
 *
 * @param kind what kind of identifier
 * @param identifier the identifier as the engine keys it (credit codes upper case, domains canonical)
 * @param holder the account holding it; kept for auditors and reviewers, never shown to the claimant
 */
@Schema(name = "HeldIdentifier", description = "An identifier a submission names that another account holds.")
public record IdentityConflict(
        @Schema(description = "CREDIT_CODE, DOMAIN or APP_ID.") IdentifierKind kind,
        @Schema(description = "The identifier, normalised (credit codes upper case, domains canonical).")
                String identifier,
        @Schema(description = "The account holding it.", example = "acct-10086") String holder) {}
