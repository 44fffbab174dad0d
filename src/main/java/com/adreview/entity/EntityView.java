package com.adreview.entity;

import com.adreview.complaint.EntityKeys;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An advertising entity: its identifiers, its complaint record and its live ads. */
@Schema(name = "Entity", description = "An advertising entity as the complaint record sees it.")
public record EntityView(
        @Schema(description = "Every identifier linked to the one asked for through submissions.")
                EntityKeys identifiers,
        @Schema(description = "Complaints per window, newest window first in size order.")
                List<ComplaintWindow> complaints,
        @Schema(description = "The entity's ads that are live now.") List<LiveAd> liveAds) {

    @Schema(description = "Complaints received in the last `days` days.")
    public record ComplaintWindow(
            @Schema(description = "Length of the window in days.") int days,
            @Schema(description = "How many complaints.") long count,
            @Schema(description = "How many per source (USER, REGULATOR, POLICE, MEDIA).") Map<String, Long> bySource,
            @Schema(description = "Amounts involved, summed per currency.")
                    Map<String, java.math.BigDecimal> amounts) {}

    @Schema(description = "A live ad of the entity.")
    public record LiveAd(
            @Schema(description = "Id of the live submission.") String submissionId,
            @Schema(description = "The advertiser's id of the ad.") String adId,
            @Schema(description = "Advertiser account.") String accountId,
            @Schema(description = "Revision that is live.") int revision,
            @Schema(description = "Category of the ad.") String category,
            @Schema(description = "When that revision was received.") Instant receivedAt) {}
}
