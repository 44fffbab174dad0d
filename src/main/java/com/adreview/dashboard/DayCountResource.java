package com.adreview.dashboard;

import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The dashboard's day counts: the backfill that counts a store's history from before they were kept. */
@Path("/v1/dashboard/day-counts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard", description = "The counts per UTC day the dashboard's panels read")
public class DayCountResource {

    private final DayCountBackfill backfill;
    private final Caller caller;

    public DayCountResource(DayCountBackfill backfill, Caller caller) {
        this.backfill = backfill;
        this.caller = caller;
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "getDayCountBackfill",
            summary = "See the backfill of day counts",
            description = "Its state and progress: the days counted of the days to count, and the submissions and"
                    + " complaints counted (those stored before day counts were kept).")
    @APIResponse(
            responseCode = "200",
            content = @Content(schema = @Schema(implementation = DayCountBackfillView.class)))
    public DayCountBackfillView state() {
        return backfill.state();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/backfill")
    @Operation(
            operationId = "backfillDayCounts",
            summary = "Count the store's history into the day counts",
            description = "Starts a run, on the one instance holding its lease, that walks the submissions, the"
                    + " complaints and the change feed's pulls in the order they were stored. It counts only what the"
                    + " live path did not (records stored before day counts were kept) and sets each day's figure"
                    + " rather than adding to it, so running it again, or beside new decisions, complaints and"
                    + " pulls, changes nothing that was right. A run under way is replaced by the new one. Audited"
                    + " when done (DAY_COUNTS_BACKFILLED).")
    @APIResponse(
            responseCode = "202",
            description = "Queued; follow it with GET /v1/dashboard/day-counts.",
            content = @Content(schema = @Schema(implementation = DayCountBackfillView.class)))
    public Response request() {
        return Response.accepted(backfill.request(caller.actor())).build();
    }
}
