package com.adreview.audit;

import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The trail's verification, its signed checkpoints and the key they verify under. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
@Tag(name = "Audit", description = "The tamper-evident trail of every decision and change, for compliance auditors")
public class AuditVerificationResource {

    private final AuditVerification verification;
    private final CheckpointService checkpoints;
    private final RequestReader reader;

    public AuditVerificationResource(
            AuditVerification verification, CheckpointService checkpoints, RequestReader reader) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.reader = reader;
    }

    @GET
    @Path("/verify")
    @Operation(
            operationId = "verifyAuditTrail",
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
            operationId = "verifyAuditTrailAgainstCheckpoint",
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
            operationId = "getAuditPublicKey",
            summary = "The key checkpoints are signed with",
            description = "The public half of this service's Ed25519 checkpoint key. Compare it with the one the"
                    + " operator published (it is also logged at every start) and keep it: checkpoints, and the"
                    + " verifier shipped with the service (README, Audit trail), are checked against it.")
    @APIResponse(
            responseCode = "200",
            description = "The public key, in the forms verifiers read.",
            content = @Content(schema = @Schema(implementation = PublicKeyView.class)))
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
            operationId = "getLatestAuditCheckpoint",
            summary = "The latest signed checkpoint",
            description = "Ed25519 signature over `adreview-audit-checkpoint\\nseq=<seq>\\nhash=<hash>\\nat=<at>`,"
                    + " with the public key to verify it against the one published for this service.")
    @APIResponse(
            responseCode = "200",
            description = "The newest checkpoint.",
            content = @Content(schema = @Schema(implementation = CheckpointView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No checkpoint yet.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public CheckpointView latestCheckpoint() {
        return checkpoints.latest().orElseThrow(() -> ProblemException.notFound("No checkpoint has been signed yet"));
    }
}
