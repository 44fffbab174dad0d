package com.adreview.identity;

import com.adreview.api.ApiConfig;
import com.adreview.api.Locations;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/entity-links")
@Produces(MediaType.APPLICATION_JSON)
@Tag(
        name = "Entity links",
        description = "Advertiser accounts confirmed to be one business: their complaint records join")
public class EntityLinkResource {

    private final RequestReader reader;
    private final IdentityService identities;
    private final Caller caller;
    private final ApiConfig api;

    private final Locations locations;

    public EntityLinkResource(
            Locations locations, RequestReader reader, IdentityService identities, Caller caller, ApiConfig api) {
        this.locations = locations;
        this.reader = reader;
        this.identities = identities;
        this.caller = caller;
        this.api = api;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "linkAccounts",
            summary = "Link two accounts as one business",
            description = "From now on a complaint against either account, or anything either holds, counts against"
                    + " the ads of both, and the live ads of the joined entity are re-evaluated at once (the link can"
                    + " pull). Audited. Linking a linked pair again answers 200 with the existing link.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = LinkRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "Linked; Location points at the link.",
            content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(
            responseCode = "200",
            description = "The accounts were linked already.",
            content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid link; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response link(String body, UriInfo uri) {
        LinkRequest request = reader.read(body, LinkRequest.class, "The request is not a valid link")
                .value();
        IdentityService.Linked linked = identities.link(
                request.accounts().get(0), request.accounts().get(1), request.reason(), caller.actor(), null);
        if (!linked.created()) {
            return Response.ok(linked.link()).build();
        }
        return locations.created("v1/entity-links", linked.link().id(), linked.link());
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listEntityLinks",
            summary = "Links, newest first",
            description = "Removed links included; optionally only an account's.")
    public Page<LinkView> list(
            @Parameter(description = "Only the links of this account.") @QueryParam("account") String account,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` value of the previous page.") @QueryParam("cursor") String cursor) {
        return identities.links(account, PageRequest.of(limit, cursor, api));
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getEntityLink", summary = "One link")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such link.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView get(@PathParam("id") String id) {
        return identities.link(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("/{id}/unlink")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "unlinkAccounts",
            summary = "Remove a link",
            description = "The two accounts' records part from now on. Nothing is reinstated by it; their live ads are"
                    + " re-evaluated, so an ad naming an identifier the other account holds goes to a reviewer. Audited;"
                    + " the link is kept, inactive.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReasonRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = LinkView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such link.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The link was removed already.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public LinkView unlink(@PathParam("id") String id, String body) {
        ReasonRequest request = reader.read(body, ReasonRequest.class, "The request is not a valid removal")
                .value();
        return identities.unlink(id, request.reason(), caller.actor());
    }
}
