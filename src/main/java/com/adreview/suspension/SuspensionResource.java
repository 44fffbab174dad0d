package com.adreview.suspension;

import com.adreview.api.Locations;
import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/suspensions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Suspensions", description = "Operator suspensions of whole categories")
public class SuspensionResource {

    private final RequestReader reader;
    private final SuspensionService suspensions;

    private final Caller caller;

    private final Locations locations;

    public SuspensionResource(Locations locations, RequestReader reader, SuspensionService suspensions, Caller caller) {
        this.locations = locations;
        this.caller = caller;
        this.reader = reader;
        this.suspensions = suspensions;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "suspendCategory",
            summary = "Suspend a category",
            description = "New submissions in the category are rejected (CATEGORY_SUSPENDED) from now on, and every"
                    + " live ad in it is pulled in the background; follow the progress on the suspension.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = SuspensionRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "Suspended; the category's live ads are being pulled (see sweep), Location points at it.",
            content = @Content(schema = @Schema(implementation = SuspensionView.class)))
    @APIResponse(
            responseCode = "409",
            description = "The category is already suspended.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response suspend(String body, UriInfo uri) {
        SuspensionRequest request = reader.read(body, SuspensionRequest.class, "The request is not a valid suspension")
                .value();
        SuspensionView created = suspensions.suspend(request, caller.actor());
        return locations.created("v1/suspensions", created.id(), created);
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(operationId = "listSuspensions", summary = "Every suspension, newest first")
    public List<SuspensionView> list() {
        return suspensions.newestFirst();
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getSuspension", summary = "One suspension with the progress of its sweep")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SuspensionView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such suspension.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SuspensionView get(@PathParam("id") String id) {
        return suspensions.get(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "liftSuspension",
            summary = "Lift a suspension",
            description = "New submissions in the category are decided normally again. No past decision changes: pulled"
                    + " ads stay pulled.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SuspensionView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already lifted.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SuspensionView lift(@PathParam("id") String id) {
        return suspensions.lift(id, caller.actor());
    }
}
