package com.adreview.review;

import com.adreview.api.Locations;
import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/submissions/{id}/appeals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews")
public class AppealResource {

    private final RequestReader reader;

    private final AppealService appeals;

    private final Caller caller;

    private final Locations locations;

    public AppealResource(Locations locations, RequestReader reader, AppealService appeals, Caller caller) {
        this.locations = locations;
        this.reader = reader;
        this.appeals = appeals;
        this.caller = caller;
    }

    @RolesAllowed(Roles.SUBMITTER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "fileAppeal",
            summary = "Appeal a rejected or pulled submission",
            description = "Names the disputed findings by rule id; the appeal becomes a review case (Location), whose"
                    + " verdict the submission's status follows. One open appeal per submission.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = AppealRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "The review case of the appeal.",
            content = @Content(schema = @Schema(implementation = ReviewCaseView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid appeal, or a named finding is not one of the submission's.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such submission.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not REJECTED or PULLED, not the latest revision, or an appeal is already open.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@PathParam("id") String id, String body, UriInfo uri) {
        AppealRequest request = reader.read(body, AppealRequest.class, AppealService.INVALID_APPEAL)
                .value();
        ReviewCaseView created = appeals.file(id, request, caller);
        return locations.created("v1/reviews", created.id(), created.asAdvertiserSeesIt());
    }
}
