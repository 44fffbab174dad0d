package com.adreview.feed;

import com.adreview.api.ApiConfig;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
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
    @Schema(name = "AdChangePage", description = "Changes after the cursor, in order.")
    public record ChangePage(
            @Schema(description = "The changes, in feed order.") List<AdChange> items,
            @Schema(description = "Pass as `after` to continue; equal to `after` when nothing new has arrived.")
                    long next) {}

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            summary = "Read the ad change feed",
            description =
                    "Ordered and resumable: pass the `next` of the previous page as `after` (0 to start). No change"
                            + " is skipped: a change still being written is returned on a later read, in its place.")
    public ChangePage changes(
            @Parameter(description = "Sequence number to read after; 0 reads from the start.") @QueryParam("after")
                    String after,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit) {
        long from = position(after);
        List<AdChange> items = feed.after(from, PageRequest.size(limit, api));
        return new ChangePage(
                items, items.isEmpty() ? from : items.get(items.size() - 1).seq());
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
