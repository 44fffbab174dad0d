package com.adreview.security;

import com.adreview.api.Locations;
import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
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

@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "API keys", description = "Credentials of submission gateways, one advertiser account each")
public class ApiKeyResource {

    private final RequestReader reader;
    private final ApiKeyService keys;
    private final Caller caller;

    private final Locations locations;

    public ApiKeyResource(Locations locations, RequestReader reader, ApiKeyService keys, Caller caller) {
        this.locations = locations;
        this.reader = reader;
        this.keys = keys;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createApiKey",
            summary = "Create a gateway key",
            description = "The answer holds the key itself, in `key`, this once: only a hash of it is kept. The gateway"
                    + " sends it in the X-Api-Key header; every submission it makes is for the key's account.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ApiKeyRequest.class)))
    @APIResponse(
            responseCode = "201",
            description = "Created; the key itself is in this answer only, Location points at it.",
            content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(
            responseCode = "400",
            description = "A bad field, named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(String body, UriInfo uri) {
        ApiKeyRequest request = reader.read(body, ApiKeyRequest.class, "The request is not a valid API key request")
                .value();
        ApiKeyView created = keys.create(request.accountId().strip(), request.label(), caller.actor());
        return locations.created("v1/api-keys", created.id(), created);
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "Every key, newest first (never their secrets)")
    public List<ApiKeyView> list() {
        return keys.newestFirst();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getApiKey", summary = "One key")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such key.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiKeyView get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            operationId = "revokeApiKey",
            summary = "Revoke a key",
            description = "From the next request on, the key is refused (401).")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already revoked.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ApiKeyView revoke(@PathParam("id") String id) {
        return keys.revoke(id, caller.actor());
    }
}
