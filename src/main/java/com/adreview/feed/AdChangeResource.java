package com.adreview.feed;

import com.adreview.api.ApiConfig;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ads/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ad change feed", description = "Every status change of every ad, in order, for the ad-serving side")
public class AdChangeResource {

    private final AdChangeFeed feed;
    private final ApiConfig api;

    public AdChangeResource(AdChangeFeed feed, ApiConfig api) {
        this.feed = feed;
        this.api = api;
    }

    /** A page of the feed and the cursor to resume from. */
    @Schema(name = "AdChangePage", description = "Entries after the cursor, in order.")
    public record ChangePage(
            @Schema(description = "The entries of the kinds asked for, in feed order.") List<FeedEntry> items,
            @Schema(
                            description = "Pass as `after` to continue; equal to `after` when nothing new has arrived."
                                    + " It passes entries of other kinds too, so a page may hold fewer items than"
                                    + " `limit`, or none, and still move on.")
                    long next) {}

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listAdChanges",
            summary = "Read the ad change feed",
            description = "Ordered and resumable: pass the `next` of the previous page as `after` (0 to start). No"
                    + " entry is skipped: one still being written is returned on a later read, in its place. The"
                    + " feed also carries the audit trail's signed checkpoints (kind AUDIT_CHECKPOINT), for"
                    + " readers that keep them as witnesses, and complaint-surge alerts (kind SURGE_ALERT); ask for"
                    + " them with `kind`.")
    public ChangePage changes(
            @Parameter(description = "Sequence number to read after; 0 reads from the start.") @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit,
            @Parameter(
                            description = "Kinds of entry to return, repeated or comma-separated: AD_STATUS (the"
                                    + " default), AUDIT_CHECKPOINT, SURGE_ALERT.")
                    @QueryParam("kind")
                    List<String> kind) {
        long from = position(after);
        Set<FeedEntry.Kind> kinds = kinds(kind);
        List<FeedEntry> read = feed.after(from, PageRequest.size(limit, api));
        return new ChangePage(
                read.stream().filter(e -> kinds.contains(e.kind())).toList(),
                read.isEmpty() ? from : read.get(read.size() - 1).seq());
    }

    private static Set<FeedEntry.Kind> kinds(List<String> values) {
        Set<FeedEntry.Kind> kinds = EnumSet.noneOf(FeedEntry.Kind.class);
        for (String value : values == null ? List.<String>of() : values) {
            for (String name : value.split(",")) {
                FeedEntry.Kind k = QueryParams.enumValue("kind", name, FeedEntry.Kind.class);
                if (k != null) {
                    kinds.add(k);
                }
            }
        }
        return kinds.isEmpty() ? EnumSet.of(FeedEntry.Kind.AD_STATUS) : kinds;
    }

    private static long position(String after) {
        if (after == null || after.isBlank()) {
            return 0;
        }
        try {
            long position = Long.parseLong(after.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidField("after", "must be 0 or a sequence number from this feed");
    }
}
