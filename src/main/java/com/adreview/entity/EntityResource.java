package com.adreview.entity;

import com.adreview.api.Problem;
import com.adreview.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/entities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Entities", description = "Advertising entities: identifiers seen together, complaint record, live ads")
public class EntityResource {

    private final EntityService entities;

    public EntityResource(EntityService entities) {
        this.entities = entities;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{identifier}")
    @Operation(
            summary = "An entity by any of its identifiers",
            description = "A credit code, product domain, advertiser account or app id. Identifiers seen together in a"
                    + " submission belong to one entity; the complaint record counts complaints against any of them.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No submission or complaint names the identifier.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EntityView get(@PathParam("identifier") String identifier) {
        return entities.entity(identifier);
    }
}
