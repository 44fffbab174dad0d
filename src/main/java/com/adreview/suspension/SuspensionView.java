package com.adreview.suspension;

import com.adreview.engine.Category;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A suspension as the API shows it, with the progress of pulling the category's live ads. */
@Schema(name = "Suspension", description = "An operator's suspension of a category.")
public record SuspensionView(
        @Schema(description = "Id of the suspension.") String id,
        @Schema(description = "The suspended category.") Category category,
        @Schema(description = "Why, as the operator gave it.") String reason,
        @Schema(description = "ACTIVE or LIFTED.") String state,
        @Schema(description = "When it began.") Instant createdAt,
        @Schema(description = "When it was lifted, if it was.") Instant liftedAt,
        @Schema(
                        description =
                                "RUNNING while live ads are being pulled and, for the intake settle after the suspension began (adreview.suspension.intake-settle), looked for; then DONE.")
                String sweep,
        @Schema(description = "Live ads pulled so far.") long pulled,
        @Schema(
                        description = "Ads pulled by each service instance that took part in the sweep (by work item;"
                                + " while it runs, only finished items count).")
                java.util.Map<String, Long> pulledByInstance,
        @Schema(description = "When the last live ad was pulled.") Instant sweepFinishedAt) {

    /**
     * @param pulled the ads pulled so far, counted by the caller (the sweep keeps its progress elsewhere)
     * @param byInstance the same by instance
     */
    static SuspensionView of(Suspension s, long pulled, java.util.Map<String, Long> byInstance) {
        return new SuspensionView(
                s.id(),
                s.category(),
                s.reason(),
                s.state().name(),
                s.createdAt(),
                s.liftedAt(),
                s.sweep().name(),
                pulled,
                byInstance,
                s.sweepFinishedAt());
    }
}
