package com.adreview.entity;

import com.adreview.complaint.EntityKeys;
import com.adreview.engine.IdentifierKind;
import com.adreview.identity.ConflictView;
import com.adreview.identity.LinkView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An advertising entity as decisions see it: the account holding the identifier asked for, the accounts
 * confirmed to be one business with it, what they hold, the conflicts waiting for a reviewer, the
 * complaint record as the pack counts it, and the live ads.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Entity", description = "An advertising entity as the complaint record and the decisions see it.")
public record EntityView(
        @Schema(
                        description = "The account holding the identifier asked for (or the account asked for);"
                                + " absent when no account holds it and only complaints name it.",
                        example = "acct-10086")
                String holder,
        @Schema(
                        description = "The entity's accounts (the holder and every account confirmed to be one business"
                                + " with it) and every identifier they hold: a complaint against any of them counts"
                                + " against all their ads.")
                EntityKeys identifiers,
        @Schema(description = "Each identifier the accounts hold, with its holder and since when.")
                List<Holding> holdings,
        @Schema(description = "The confirmed links that join the accounts.") List<LinkView> links,
        @Schema(
                        description =
                                "Identity conflicts waiting for a reviewer in which an account of the entity names"
                                        + " another's identifier, or holds one another account names.")
                List<ConflictView> conflicts,
        @Schema(
                        description =
                                "The complaint record per window, as the decisions count it: a USER reporter once,"
                                        + " smallest window first.")
                List<ComplaintWindow> complaints,
        @Schema(description = "The entity's ads that are live now.") List<LiveAd> liveAds) {

    @Schema(name = "EntityHolding", description = "An identifier an account of the entity holds.")
    public record Holding(
            @Schema(description = "CREDIT_CODE, DOMAIN or APP_ID.") IdentifierKind kind,
            @Schema(description = "The identifier.") String identifier,
            @Schema(description = "The account holding it.") String holder,
            @Schema(description = "Since when.") Instant since) {}

    @Schema(description = "The complaints received in the last `days` days, as the decisions count them.")
    public record ComplaintWindow(
            @Schema(description = "Length of the window in days.") int days,
            @Schema(description = "Complaints as the pack counts them: a USER reporter once, whatever they filed.")
                    long count,
            @Schema(description = "The same per source (USER, REGULATOR, POLICE, MEDIA); USER counts reporters.")
                    Map<String, Long> bySource,
            @Schema(description = "Amounts involved, summed per currency.") Map<String, BigDecimal> amounts,
            @Schema(description = "Distinct USER reporters who stated an amount (the amount threshold needs two).")
                    long amountReporters) {}

    @Schema(description = "A live ad of the entity.")
    public record LiveAd(
            @Schema(description = "Id of the live submission.") String submissionId,
            @Schema(description = "The advertiser's id of the ad.") String adId,
            @Schema(description = "Advertiser account.") String accountId,
            @Schema(description = "Revision that is live.") int revision,
            @Schema(description = "Category of the ad.") String category,
            @Schema(description = "When that revision was received.") Instant receivedAt) {}
}
