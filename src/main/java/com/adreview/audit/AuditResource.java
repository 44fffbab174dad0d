package com.adreview.audit;

import com.adreview.api.ApiConfig;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.api.RequestReader;
import com.adreview.security.Roles;
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
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident trail of every decision and change, for compliance auditors")
public class AuditResource {

    private final AuditTrail trail;
    private final Checkpoints checkpoints;
    private final AuditVerification verification;
    private final RequestReader reader;
    private final Replays replays;
    private final ApiConfig api;
    private final AuditExport export;

    public AuditResource(
            AuditTrail trail,
            Checkpoints checkpoints,
            AuditVerification verification,
            RequestReader reader,
            Replays replays,
            ApiConfig api,
            AuditExport export) {
        this.trail = trail;
        this.checkpoints = checkpoints;
        this.verification = verification;
        this.reader = reader;
        this.replays = replays;
        this.api = api;
        this.export = export;
    }

    /** A page of the trail and where to continue. */
    @Schema(name = "AuditPage", description = "Entries of the trail, in trail order.")
    public record EntryPage(
            @Schema(description = "The entries, in trail order.") List<AuditEntryView> items,
            @Schema(description = "Pass as `after` for the next page; absent on the last.") Long next) {}

    @GET
    @Path("/events")
    @Operation(
            summary = "Read the audit trail",
            description = "In trail order (seq), filtered by subject, actor, action and time; page with `after`.")
    @APIResponse(
            responseCode = "400",
            description = "A filter or paging parameter is invalid.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EntryPage events(
            @Parameter(description = "What it was done to, e.g. submission:<id>.") @QueryParam("subject")
                    String subject,
            @Parameter(description = "Who did it, e.g. user:li.") @QueryParam("actor") String actor,
            @Parameter(description = "What was done.") @QueryParam("action") String action,
            @Parameter(description = "From this instant (inclusive), ISO-8601.") @QueryParam("from") String from,
            @Parameter(description = "Up to this instant (exclusive), ISO-8601.") @QueryParam("to") String to,
            @Parameter(description = "The seq to continue after; 0 from the start.") @QueryParam("after") String after,
            @Parameter(description = "Page size, 1 to the configured maximum.") @QueryParam("limit") String limit) {
        AuditAction a = QueryParams.enumValue("action", action, AuditAction.class);
        int size = PageRequest.size(limit, api);
        List<Document> rows = trail.page(
                new AuditTrail.Query(
                        blankToNull(subject),
                        blankToNull(actor),
                        a == null ? null : a.name(),
                        instant("from", from),
                        instant("to", to)),
                seq("after", after),
                size);
        List<Document> shown = rows.size() > size ? rows.subList(0, size) : rows;
        Long next = rows.size() > size ? shown.get(shown.size() - 1).getLong("_id") : null;
        return new EntryPage(shown.stream().map(AuditEntryView::of).toList(), next);
    }

    @GET
    @Path("/verify")
    @Operation(
            summary = "Verify the whole trail",
            description = "Recomputes every entry's hash and link from the first one, checks that no number is"
                    + " missing, and checks every signed checkpoint against the entry it pins (a checkpoint past"
                    + " the trail's end means entries were cut). Names the first bad entry when there is one."
                    + " Entries after the last verified checkpoint are reported as `unverifiedTail`: nothing"
                    + " signed vouches for them yet.")
    public VerificationView verify() {
        return verification.verify();
    }

    @POST
    @Path("/verify")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Verify the trail against a checkpoint kept outside the service",
            description = "Everything GET does, and the checkpoint given (as served by /checkpoints/latest, or as the"
                    + " feed delivered it to a reader or webhook subscriber): its signature must verify under this"
                    + " service's key, and the trail must still hold, at its seq, the entry it signed. A trail"
                    + " rewritten or cut short behind it is named (`witness`, `firstBadSeq`, `problem`), even when"
                    + " the store's own checkpoints were removed with it.")
    @RequestBody(
            required = true,
            content = @Content(schema = @Schema(implementation = CheckpointView.WitnessRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "What verifying found; `status` BROKEN when the checkpoint given does not hold.",
            content = @Content(schema = @Schema(implementation = VerificationView.class)))
    @APIResponse(
            responseCode = "400",
            description = "The body is not a well-formed checkpoint; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public VerificationView verifyAgainst(String body) {
        CheckpointView.WitnessRequest request = reader.read(
                        body, CheckpointView.WitnessRequest.class, "The request is not a checkpoint to verify against")
                .value();
        return verification.verify(request.checkpoint());
    }

    @GET
    @Path("/public-key")
    @Operation(
            summary = "The key checkpoints are signed with",
            description = "The public half of this service's Ed25519 checkpoint key. Compare it with the one the"
                    + " operator published (it is also logged at every start) and keep it: checkpoints, and the"
                    + " verifier shipped with the service (README, Audit trail), are checked against it.")
    @APIResponse(
            responseCode = "404",
            description = "No signing key is configured: the trail is not checkpointed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PublicKeyView publicKey() {
        return checkpoints
                .publicKey()
                .map(PublicKeyView::of)
                .orElseThrow(
                        () -> ProblemException.notFound("No signing key is configured: the trail is not checkpointed"));
    }

    @GET
    @Path("/checkpoints/latest")
    @Operation(
            summary = "The latest signed checkpoint",
            description = "Ed25519 signature over `adreview-audit-checkpoint\\nseq=<seq>\\nhash=<hash>\\nat=<at>`,"
                    + " with the public key to verify it against the one published for this service.")
    @APIResponse(
            responseCode = "404",
            description = "No checkpoint yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CheckpointView latestCheckpoint() {
        return checkpoints
                .latest()
                .map(CheckpointView::of)
                .orElseThrow(() -> ProblemException.notFound("No checkpoint has been signed yet"));
    }

    @GET
    @Path("/export")
    @Produces("application/x-ndjson")
    @Operation(
            summary = "Export the trail as JSON Lines, to verify it outside the service",
            description = "A header line (format adreview-audit-export, version 1) that says how to check the file,"
                    + " then every entry in the time range, in trail order, one per line:"
                    + " {\"seq\":…,\"hash\":…,\"entry\":{…}}, where `entry` is exactly what `hash` covers,"
                    + " already in the canonical encoding (README, Audit trail). Without `from` and `to` it is the"
                    + " whole trail; tools/Verify.java checks it against a checkpoint with only the public key.")
    public Response export(
            @Parameter(description = "From this instant (inclusive), ISO-8601.") @QueryParam("from") String from,
            @Parameter(description = "Up to this instant (exclusive), ISO-8601.") @QueryParam("to") String to) {
        StreamingOutput lines = export.of(instant("from", from), instant("to", to));
        return Response.ok(lines, "application/x-ndjson")
                .header("Content-Disposition", "attachment; filename=\"audit.jsonl\"")
                .build();
    }

    @POST
    @Path("/replay/{submissionId}")
    @Operation(
            summary = "Replay a decision",
            description = "Re-decides the stored package with the stored context and the pack version that decided it"
                    + " (kept whole, whatever the pack on disk is now), and says whether status and findings match,"
                    + " and whether the inputs are the ones the trail recorded.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such submission.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayView replay(@PathParam("submissionId") String submissionId) {
        return replays.replay(submissionId);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
        }
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
