package com.adreview.identity;

import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/identifiers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identifiers", description = "Who holds each credit code, domain and app id")
public class IdentifierResource {

    private static final String KIND = "CREDIT_CODE, DOMAIN or APP_ID.";

    private final RequestReader reader;
    private final IdentityService identities;
    private final Caller caller;

    public IdentifierResource(RequestReader reader, IdentityService identities, Caller caller) {
        this.reader = reader;
        this.identities = identities;
        this.caller = caller;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{kind}/{identifier}")
    @Operation(
            operationId = "getIdentifierHolding",
            summary = "Who holds an identifier",
            description = "The account that named it first, or the one an operator assigned it to, since when, and"
                    + " who held it before.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HoldingView.class)))
    @APIResponse(
            responseCode = "404",
            description = "Nobody holds it: no submission has named it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldingView get(
            @Parameter(description = KIND) @PathParam("kind") String kind, @PathParam("identifier") String identifier) {
        return identities.holding(IdentityService.kind(kind), identifier);
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{kind}/{identifier}/holder")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "assignIdentifierHolder",
            summary = "Assign an identifier to an account",
            description = "For an identifier another account named first (a squatter, or an agency before its client)."
                    + " Complaints against it count for the new holder from now on; the live ads of the old and the"
                    + " new holder are re-evaluated. Audited; the earlier holders are kept.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = HolderAssignment.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = HoldingView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid assignment; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HoldingView assign(
            @Parameter(description = KIND) @PathParam("kind") String kind,
            @PathParam("identifier") String identifier,
            String body) {
        HolderAssignment request = reader.read(body, HolderAssignment.class, "The request is not a valid assignment")
                .value();
        return identities.assign(IdentityService.kind(kind), identifier, request, caller.actor());
    }
}
