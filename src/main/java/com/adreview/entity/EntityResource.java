package com.adreview.entity;

import com.adreview.api.Problem;
import com.adreview.api.Roles;
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
@Tag(
        name = "Entities",
        description = "Advertising entities: the holding account, linked accounts, held identifiers, conflicts,"
                + " complaint record, live ads")
public class EntityResource {

    private final EntityService entities;

    public EntityResource(EntityService entities) {
        this.entities = entities;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{identifier}")
    @Operation(
            operationId = "getEntity",
            summary = "An entity by any of its identifiers",
            description = "A credit code, domain or app id (the entity of the account holding it), or an advertiser"
                    + " account. The entity is that account, the accounts confirmed to be one business with it, and"
                    + " everything they hold; the complaint record is counted as the decisions count it.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = EntityView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No account holds the identifier and no complaint names it.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EntityView get(@PathParam("identifier") String identifier) {
        return entities.entity(identifier);
    }
}
