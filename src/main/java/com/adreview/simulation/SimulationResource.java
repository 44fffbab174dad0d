package com.adreview.simulation;

import com.adreview.api.ApiConfig;
import com.adreview.api.Locations;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/policy/simulations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy simulations", description = "A candidate pack decided on the live ads, changing nothing")
public class SimulationResource {

    /** The media types of a candidate pack's archive: zip, tar, gzipped tar (told apart by content). */
    public static final String ZIP = "application/zip";

    public static final String TAR = "application/x-tar";
    public static final String GZIP = "application/gzip";

    private final SimulationService simulations;
    private final Caller caller;
    private final Locations locations;
    private final ApiConfig api;

    public SimulationResource(SimulationService simulations, Caller caller, Locations locations, ApiConfig api) {
        this.simulations = simulations;
        this.caller = caller;
        this.locations = locations;
        this.api = api;
    }

    @POST
    @Consumes({ZIP, TAR, GZIP})
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR})
    @Operation(
            operationId = "simulatePolicyPack",
            summary = "Simulate a candidate pack on the live ads",
            description = "The body is an archive of a pack (zip, tar or gzipped tar, told apart by content; the files"
                    + " of policies/, at the root or under one directory). It is validated by the same strict loader as the pack in force, then every live"
                    + " or waiting ad (and, with recentDays, the submissions of those days) is decided in the"
                    + " background under the pack in force and under the candidate, in the same context. Nothing"
                    + " changes: no status, case, feed entry or trail entry but the record of this request.")
    @RequestBody(
            required = true,
            content = {
                @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = TAR, schema = @Schema(type = SchemaType.STRING, format = "binary")),
                @Content(mediaType = GZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"))
            })
    @APIResponse(
            responseCode = "201",
            description = "Queued; follow it at Location.",
            content = @Content(schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(
            responseCode = "422",
            description = "The archive is unsafe or unreadable, or the pack is invalid: errors[] names each problem's"
                    + " file and line (field \"rules/credentials.yaml:12\").",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "No valid pack is in force to compare with.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response simulate(
            byte[] archive,
            @Parameter(description = "Also decide the submissions received in this many past days (0 to the maximum).")
                    @QueryParam("recentDays")
                    String recentDays) {
        SimulationView created = simulations.simulate(archive, days(recentDays), caller.actor());
        return locations.created("v1/policy/simulations", created.id(), created);
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(operationId = "listPolicySimulations", summary = "The newest simulations, newest first")
    public List<SimulationView> list() {
        return simulations.newest(api.maxPageSize());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(
            operationId = "getPolicySimulation",
            summary = "A simulation: state, progress, packs and counts by transition, topic, rule and category")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such simulation.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SimulationView get(@PathParam("id") String id) {
        return simulations.get(id);
    }

    @GET
    @Path("/{id}/ads")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(
            operationId = "listPolicySimulationAds",
            summary = "The ads a simulation found affected, with the findings that appear and disappear")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AffectedAdView.Page.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such simulation.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AffectedAdView.Page ads(
            @PathParam("id") String id,
            @Parameter(description = "LIVE (the default): the live and waiting ads; RECENT: the past submissions.")
                    @QueryParam("scope")
                    String scope,
            @Parameter(description = "Page size, 1 to the configured maximum.") @QueryParam("limit") String limit,
            @Parameter(description = "The `next` of the previous page.") @QueryParam("cursor") String cursor) {
        return simulations.affected(id, scope, PageRequest.size(limit, api), cursor);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR})
    @Operation(
            operationId = "cancelPolicySimulation",
            summary = "Cancel a simulation",
            description = "It stops at its next step; the counts stay as far as it got.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such simulation.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "It had already ended.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SimulationView cancel(@PathParam("id") String id) {
        return simulations.cancel(id, caller.actor());
    }

    private static int days(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("recentDays", "must be a whole number of days");
        }
    }
}
