package com.adreview.surge;

import com.adreview.api.ApiConfig;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts", description = "Complaint surges: a category or an entity drawing far more complaints than usual")
public class AlertResource {

    private final AlertService alerts;
    private final RequestReader reader;
    private final Caller caller;
    private final ApiConfig api;

    public AlertResource(AlertService alerts, RequestReader reader, Caller caller, ApiConfig api) {
        this.alerts = alerts;
        this.reader = reader;
        this.caller = caller;
        this.api = api;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listAlerts",
            summary = "List complaint-surge alerts, newest first",
            description = "Optionally only those in one state. An alert names its category or entity, the recent"
                    + " count against the subject's own baseline, the tail probability and the daily trend.")
    public Page<AlertView> list(
            @Parameter(description = "OPEN or ACKNOWLEDGED; all when absent.") @QueryParam("state") String state,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` value of the previous page.") @QueryParam("cursor") String cursor) {
        return alerts.list(state, PageRequest.of(limit, cursor, api));
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getAlert", summary = "Get one alert")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView get(@PathParam("id") String id) {
        return alerts.get(id);
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Path("/{id}/acknowledgement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "acknowledgeAlert",
            summary = "Acknowledge an alert",
            description = "A person has seen it and decides what to do; it changes no ad and suspends nothing (a"
                    + " category's suspension is POST /v1/suspensions). The subject stays quiet for one recent"
                    + " window after the numbers acknowledged; a surge past that opens a new alert. The body is"
                    + " optional.")
    @RequestBody(
            required = false,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AcknowledgementRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "Acknowledged.",
            content = @Content(schema = @Schema(implementation = AlertView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid acknowledgement; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such alert.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Acknowledged already.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AlertView acknowledge(@PathParam("id") String id, String body) {
        AcknowledgementRequest request = body == null || body.isBlank()
                ? new AcknowledgementRequest(null)
                : reader.read(body, AcknowledgementRequest.class, "The request is not a valid acknowledgement")
                        .value();
        return alerts.acknowledge(id, request, caller.actor());
    }
}
