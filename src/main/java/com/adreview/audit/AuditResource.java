package com.adreview.audit;

import com.adreview.api.ApiConfig;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident trail of every decision and change, for compliance auditors")
public class AuditResource {

    private final AuditTrail trail;
    private final ApiConfig api;
    private final AuditExport export;

    public AuditResource(AuditTrail trail, ApiConfig api, AuditExport export) {
        this.trail = trail;
        this.api = api;
        this.export = export;
    }

    @GET
    @Path("/events")
    @Operation(
            operationId = "listAuditEvents",
            summary = "Read the audit trail",
            description = "In trail order (seq), filtered by subject, actor, action and time; page with `after`.")
    @APIResponse(
            responseCode = "200",
            description = "A page of entries; `after` of the next page is the last entry's seq.",
            content = @Content(schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(
            responseCode = "400",
            description = "A filter or paging parameter is invalid.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AuditPage events(
            @Parameter(description = "What it was done to, e.g. submission:<id>.") @QueryParam("subject")
                    String subject,
            @Parameter(description = "Who did it, e.g. user:li.") @QueryParam("actor") String actor,
            @Parameter(description = "What was done.") @QueryParam("action") String action,
            @Parameter(description = "From this instant (inclusive), ISO-8601.") @QueryParam("from") String from,
            @Parameter(description = "Up to this instant (exclusive), ISO-8601.") @QueryParam("to") String to,
            @Parameter(description = "The seq to continue after; 0 from the start.") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to the configured maximum.") @QueryParam("limit") String limit) {
        AuditAction a = QueryParams.enumValue("action", action, AuditAction.class);
        return trail.page(
                new AuditTrail.Query(
                        blankToNull(subject),
                        blankToNull(actor),
                        a == null ? null : a.name(),
                        instant("from", from),
                        instant("to", to)),
                seq("after", after),
                PageRequest.size(limit, api));
    }

    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @Operation(
            operationId = "exportAuditTrail",
            summary = "Export the trail as JSON Lines, to verify it outside the service",
            description = "A header line (format adreview-audit-export, version 1) that says how to check the file,"
                    + " then every entry in the time range, in trail order, one per line:"
                    + " {\"seq\":…,\"hash\":…,\"entry\":{…}}, where `entry` is exactly what `hash` covers,"
                    + " already in the canonical encoding (README, Audit trail). Without `from` and `to` it is the"
                    + " whole trail; tools/Verify.java checks it against a checkpoint with only the public key.")
    @APIResponse(
            responseCode = "200",
            description = "JSON Lines: the first line is this header, every other line one entry"
                    + " {\"seq\":…,\"hash\":…,\"entry\":{…}}.",
            content =
                    @Content(
                            mediaType = "application/x-ndjson",
                            schema = @Schema(implementation = AuditExport.Header.class)))
    public Response export(
            @Parameter(description = "From this instant (inclusive), ISO-8601.") @QueryParam("from") String from,
            @Parameter(description = "Up to this instant (exclusive), ISO-8601.") @QueryParam("to") String to) {
        StreamingOutput lines = export.of(instant("from", from), instant("to", to));
        return Response.ok(lines, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit.jsonl\"")
                .build();
    }

    private static Instant instant(String field, String value) {
        return com.adreview.api.QueryParams.instant(field, value);
    }

    private static long seq(String field, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long seq = Long.parseLong(value.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidField(field, "must be 0 or a seq of the trail");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
