package com.adreview.feed;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One status change of an ad, as the ad-serving side reads it from the feed. */
@Schema(name = "AdChange", description = "A change of an ad's status, in feed order.")
public record AdChange(
        @Schema(description = "Position in the feed; strictly increasing.", example = "1042") long seq,
        @Schema(description = "When the status changed.") Instant at,
        @Schema(description = "The submission (revision) whose status changed.") String submissionId,
        @Schema(description = "The advertiser's id of the ad.") String adId,
        @Schema(description = "Advertiser account.") String accountId,
        @Schema(description = "Revision number.") int revision,
        @Schema(description = "Status before; absent for a new submission.") String from,
        @Schema(description = "Status now.") String to,
        @Schema(description = "What changed it: SUBMISSION, COMPLAINT, …", example = "COMPLAINT") String cause) {

    /** A change to append; the feed gives it its sequence number. */
    public static AdChange of(
            Instant at,
            String submissionId,
            String adId,
            String accountId,
            int revision,
            String from,
            String to,
            String cause) {
        return new AdChange(0, at, submissionId, adId, accountId, revision, from, to, cause);
    }
}
