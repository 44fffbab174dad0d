package com.adreview.submission;

import com.adreview.api.Problem;
import com.adreview.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Replaying a decision, for auditors: under the audit trail's path, and beside the submissions it reads
 * (the audit package knows nothing of submissions; submissions write to the trail).
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident trail of every decision and change, for compliance auditors")
public class ReplayResource {

    private final ReplayService replays;

    public ReplayResource(ReplayService replays) {
        this.replays = replays;
    }

    @POST
    @Path("/replay/{submissionId}")
    @Operation(
            operationId = "replaySubmission",
            summary = "Replay a decision",
            description = "Re-decides the stored package with the stored context and the pack version that decided it"
                    + " (kept whole, whatever the pack on disk is now), and says whether status and findings match,"
                    + " and whether the inputs are the ones the trail recorded.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such submission.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayView replay(@PathParam("submissionId") String submissionId) {
        return replays.replay(submissionId);
    }
}
