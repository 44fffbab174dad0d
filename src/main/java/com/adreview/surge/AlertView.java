package com.adreview.surge;

import com.adreview.engine.Surge;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A complaint-surge alert. */
@Schema(name = "Alert", description = "A category or an entity drawing far more complaints than its own usual.")
public record AlertView(
        @Schema(description = "Id of the alert.") String id,
        @Schema(description = "A whole category or one entity.") Surge.Scope scope,
        @Schema(
                        description = "The category's name, or the entity's key (account:<its first account>, or the"
                                + " identifier complained about when no account answers it).",
                        example = "P2P_LENDING")
                String subject,
        @Schema(description = "OPEN until a person acknowledges it.") AlertState state,
        @Schema(description = "When it was opened.") Instant openedAt,
        @Schema(description = "When its numbers last changed.") Instant updatedAt,
        @Schema(description = "The moment the numbers are as of.") Instant asOf,
        @Schema(description = "The numbers that make it a surge.") Numbers numbers,
        @Schema(description = "Complaints per 24 hours, oldest first, the last ending at asOf.") List<Integer> trend,
        @Schema(description = "What a person may do about it; the alert itself changes nothing.")
                Recommendation recommendation,
        @Schema(description = "Who acknowledged it, when, with what note; absent while open.")
                Acknowledgement acknowledgement,
        @Schema(description = "The policy pack version whose thresholds raised it.") String policyVersion) {

    @Schema(name = "AlertNumbers", description = "The recent count against the subject's own baseline.")
    public record Numbers(
            @Schema(description = "Complaints in the recent window.", example = "61") int recentCount,
            @Schema(description = "Length of the recent window in days.", example = "7") int recentDays,
            @Schema(description = "Complaints per day in the baseline window before it.", example = "0.02")
                    double baselinePerDay,
            @Schema(description = "Length of the baseline window in days.", example = "90") int baselineDays,
            @Schema(description = "The count the baseline (at least the pack's floor) leads to expect.")
                    double expected,
            @Schema(description = "Chance of at least recentCount at that expectation (Poisson).", example = "1e-40")
                    double tailProbability,
            @Schema(description = "For a category: how many of its entities rose at once.") int entitiesRisingCount,
            @Schema(description = "For a category: the entities rising, most complaints first (at most 50).")
                    List<String> entitiesRising) {}

    @Schema(
            name = "AlertRecommendation",
            description = "For a category: a suspension, which an admin makes (or not) with POST /v1/suspensions.")
    public record Recommendation(
            @Schema(description = "SUSPEND_CATEGORY.", example = "SUSPEND_CATEGORY") String action,
            @Schema(description = "The category.", example = "P2P_LENDING") String category,
            @Schema(description = "Where to make it.", example = "/v1/suspensions") String href,
            @Schema(description = "Why, in words.") String reason) {}

    @Schema(name = "AlertAcknowledgement", description = "Who acknowledged the alert.")
    public record Acknowledgement(
            @Schema(description = "When.") Instant at,
            @Schema(description = "Who.") String by,
            @Schema(description = "Their note, if any.") String note) {}
}
