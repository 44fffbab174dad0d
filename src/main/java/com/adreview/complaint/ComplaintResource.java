package com.adreview.complaint;

import com.adreview.api.ApiConfig;
import com.adreview.api.Idempotency;
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
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints", description = "Complaints against advertisers, their platforms and apps")
public class ComplaintResource {

    private static final String EXAMPLE =
            """
            {"subject":{"domain":"hengyuan-p2p.cn"},"source":"USER","category":"WITHDRAWAL_BLOCKED",
             "amountInvolved":{"amount":52000,"currency":"CNY"},"description":"充值后无法提现，客服失联。",
             "reporterId":"user-7f3a"}
            """;

    private final RequestReader reader;
    private final ComplaintService complaints;
    private final ApiConfig api;

    private final Caller caller;

    private final Idempotency idempotency;

    private final Locations locations;

    public ComplaintResource(
            Locations locations,
            RequestReader reader,
            ComplaintService complaints,
            ApiConfig api,
            Caller caller,
            Idempotency idempotency) {
        this.locations = locations;
        this.reader = reader;
        this.idempotency = idempotency;
        this.caller = caller;
        this.complaints = complaints;
        this.api = api;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "recordComplaint",
            summary = "Record a complaint",
            description = "The subject names the entity by any of its identifiers. receivedAt defaults to now and may"
                    + " not be in the future.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ComplaintRequest.class),
                            examples = @ExampleObject(name = "withdrawal blocked", value = EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Recorded; Location points at it.",
            content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid complaint; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(
            @Parameter(description = Idempotency.HEADER_DESCRIPTION) @HeaderParam(Idempotency.HEADER)
                    String idempotencyKey,
            String body,
            UriInfo uri) {
        return idempotency.once(
                caller.idempotencyScope(), "POST", uri.getRequestUri().getRawPath(), idempotencyKey, body, () -> {
                    complaints.admit(caller.actor());
                    ComplaintRequest request = reader.read(
                                    body, ComplaintRequest.class, ComplaintService.INVALID_COMPLAINT)
                            .value();
                    ComplaintView created = complaints.record(request, caller.actor());
                    return locations.created("v1/complaints", created.id(), created);
                });
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getComplaint", summary = "Get one complaint")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ComplaintView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such complaint.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ComplaintView get(@PathParam("id") String id) {
        return complaints.get(id);
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listComplaints",
            summary = "List complaints, newest first",
            description = "Optionally only those naming an identifier.")
    public Page<ComplaintView> list(
            @Parameter(description = "A credit code, domain, advertiser account or app id; matches any subject field.")
                    @QueryParam("subject")
                    String subject,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` value of the previous page.") @QueryParam("cursor") String cursor) {
        return complaints.list(subject, PageRequest.of(limit, cursor, api));
    }
}
