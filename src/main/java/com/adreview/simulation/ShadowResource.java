package com.adreview.simulation;

import com.adreview.api.Problem;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/policy/shadow")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy simulations")
public class ShadowResource {

    private final ShadowService shadow;
    private final Caller caller;

    public ShadowResource(ShadowService shadow, Caller caller) {
        this.shadow = shadow;
        this.caller = caller;
    }

    @PUT
    @Consumes({SimulationResource.ZIP, SimulationResource.TAR, SimulationResource.GZIP})
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "installShadowPack",
            summary = "Install a candidate pack as the shadow",
            description =
                    "The body is an archive of a pack (zip, tar or gzipped tar), validated like a simulation's. From then on every"
                            + " decision of the pack in force is also made under it, on every instance (within"
                            + " adreview.simulation.shadow-refresh); nothing it decides changes a status. Replaces any"
                            + " shadow installed before; its counts start from zero.")
    @RequestBody(
            required = true,
            content = {
                @Content(
                        mediaType = SimulationResource.ZIP,
                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = SimulationResource.TAR,
                        schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(
                        mediaType = SimulationResource.GZIP,
                        schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "200",
            description = "Installed.",
            content = @Content(schema = @Schema(implementation = ShadowView.class)))
    @APIResponse(
            responseCode = "422",
            description =
                    "The archive is unsafe or unreadable, or the pack is invalid (file and line of each problem).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShadowView install(byte[] archive) {
        return shadow.install(archive, caller.actor());
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(
            operationId = "getShadowPack",
            summary = "The shadow pack and what it disagreed with since installation",
            description = "Counts by transition, topic, rule and category, and the newest disagreements. After a"
                    + " removal, the last installation's final counts.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShadowView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No shadow pack was ever installed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShadowView get() {
        return shadow.summary();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "removeShadowPack", summary = "Remove the shadow pack; its counts are final")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ShadowView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No shadow pack is installed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "It was removed or replaced meanwhile.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShadowView remove() {
        return shadow.remove(caller.actor());
    }
}
