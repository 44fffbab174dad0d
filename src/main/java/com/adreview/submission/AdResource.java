package com.adreview.submission;

import com.adreview.api.Problem;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ads")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ads", description = "Ads across their revisions")
public class AdResource {

    private final SubmissionService submissions;

    private final Caller caller;

    public AdResource(SubmissionService submissions, Caller caller) {
        this.submissions = submissions;
        this.caller = caller;
    }

    @RolesAllowed({Roles.SUBMITTER, Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{adId}")
    @Operation(
            operationId = "getAd",
            summary = "An ad's current status and its revisions",
            description = "The ad's status is its latest revision's.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AdView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such ad.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdView get(
            @PathParam("adId") String adId,
            @Parameter(description = "The advertiser account, needed when several accounts use the same adId.")
                    @QueryParam("accountId")
                    String accountId) {
        // A gateway sees its own account's ad of that id, whatever account it names.
        return submissions.ad(adId, caller.accountFilter(accountId));
    }
}
