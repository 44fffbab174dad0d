package com.adreview.submission;

import com.adreview.api.Problem;
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

    public AdResource(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @GET
    @Path("/{adId}")
    @Operation(
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
        return submissions.ad(adId, accountId);
    }
}
