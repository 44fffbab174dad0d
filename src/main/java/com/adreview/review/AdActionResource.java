package com.adreview.review;

import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import com.adreview.submission.AdView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/ads/{adId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ads")
public class AdActionResource {

    private static final String INVALID_ACTION = "The request is not a valid ad action";

    private final RequestReader reader;

    private final AdActionService actions;

    private final Caller caller;

    public AdActionResource(RequestReader reader, AdActionService actions, Caller caller) {
        this.reader = reader;
        this.actions = actions;
        this.caller = caller;
    }

    @RolesAllowed(Roles.REVIEWER)
    @POST
    @Path("/pull")
    @Operation(
            operationId = "pullAd",
            summary = "Pull a live ad by hand",
            description = "The ad's live revision becomes PULLED with the reviewer's reason; the change appears in the"
                    + " ad change feed.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AdActionRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AdView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The ad is not live.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdView pull(
            @PathParam("adId") String adId,
            @Parameter(description = "The advertiser account, needed when several accounts use the adId.")
                    @QueryParam("accountId")
                    String accountId,
            String body) {
        return actions.pull(adId, accountId, caller.name(), read(body));
    }

    @RolesAllowed(Roles.REVIEWER)
    @POST
    @Path("/reinstate")
    @Operation(
            operationId = "reinstateAd",
            summary = "Reinstate a pulled ad",
            description = "The ad's pulled revision becomes APPROVED again, unless its category is suspended.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AdActionRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AdView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The ad is not pulled, or its category is suspended.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdView reinstate(
            @PathParam("adId") String adId,
            @Parameter(description = "The advertiser account, needed when several accounts use the adId.")
                    @QueryParam("accountId")
                    String accountId,
            String body) {
        return actions.reinstate(adId, accountId, caller.name(), read(body));
    }

    private AdActionRequest read(String body) {
        return reader.read(body, AdActionRequest.class, INVALID_ACTION).value();
    }
}
