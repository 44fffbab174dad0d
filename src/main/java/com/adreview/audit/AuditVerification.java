package com.adreview.audit;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.audit.VerificationView.Status;
import com.adreview.audit.VerificationView.Tail;
import com.adreview.audit.VerificationView.WitnessCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;

/**
 * Verifies the trail: the hash chain from the first entry, then every stored checkpoint against the
 * entry it pins. Only what a verified checkpoint covers is vouched for: entries after the last one are
 * reported as an unverified tail, since someone who can write the store can cut or rewrite them (and
 * the trail's recorded end with them) without anything signed telling. Such a writer can also delete
 * stored checkpoints; a checkpoint kept elsewhere (by a feed reader, a webhook subscriber, an auditor)
 * is given back to be checked: signed by this service's key, and still extended by the trail.
 */
@ApplicationScoped
public class AuditVerification {

    private final AuditTrail trail;
    private final CheckpointService checkpoints;

    public AuditVerification(AuditTrail trail, CheckpointService checkpoints) {
        this.trail = trail;
        this.checkpoints = checkpoints;
    }

    /** The trail against itself and its stored checkpoints. */
    public VerificationView verify() {
        return verify(null);
    }

    /**
     * The trail against its stored checkpoints and against a checkpoint kept outside the store.
     *
     * @throws ProblemException 400 naming the field, when the checkpoint is not well-formed
     */
    public VerificationView verify(CheckpointView witness) {
        if (witness != null) {
            requireWellFormed(witness);
        }
        AuditTrail.Verification chain = trail.verify();
        CheckpointService.Check signed = checkpoints.verifyAll(chain.lastSeq());
        WitnessCheck held = witness == null ? null : check(witness, chain.lastSeq());
        boolean heldFails = held != null && held.problem() != null;
        boolean consistent = chain.intact() && signed.firstBadSeq() == null && !heldFails;
        Long through = signed.verifiedThrough();
        if (held != null && !heldFails && (through == null || through < witness.seq())) {
            through = witness.seq();
        }
        long covered = through == null ? 0 : through;
        Tail tail = consistent && chain.lastSeq() > covered
                ? new Tail(chain.lastSeq() - covered, covered + 1, chain.lastSeq())
                : null;
        Long firstBad = chain.firstBadSeq() != null ? chain.firstBadSeq() : signed.firstBadSeq();
        String problem = chain.problem() != null ? chain.problem() : signed.problem();
        if (firstBad == null && heldFails) {
            firstBad = firstBadOf(witness, chain.lastSeq(), held);
            problem = held.problem();
        }
        Status status = !consistent ? Status.BROKEN : tail != null ? Status.UNVERIFIED_TAIL : Status.VERIFIED;
        return new VerificationView(
                status,
                status == Status.VERIFIED,
                consistent,
                chain.entries(),
                chain.lastSeq(),
                chain.lastHash(),
                firstBad,
                problem,
                signed.checked(),
                signed.retired(),
                through,
                tail,
                held);
    }

    private WitnessCheck check(CheckpointView c, long trailEnd) {
        long seq = c.seq();
        String signatureProblem = checkpoints.problemOf(seq, c.hash(), c.at(), c.publicKey(), c.signature());
        if (signatureProblem != null) {
            return new WitnessCheck(
                    seq,
                    false,
                    false,
                    "the checkpoint given (of entry " + seq + ") " + signatureProblem
                            + ": it was not made by this service, or was altered");
        }
        Document entry = trail.entry(seq);
        if (entry == null && seq > trailEnd) {
            return new WitnessCheck(
                    seq, true, false, CheckpointService.cutShort(trailEnd, seq, "the checkpoint given"));
        }
        if (entry == null) {
            return new WitnessCheck(
                    seq, true, false, "entry " + seq + ", which the checkpoint given signed, is missing");
        }
        if (!c.hash().equals(entry.getString("hash"))) {
            return new WitnessCheck(
                    seq,
                    true,
                    false,
                    "entry " + seq + " is not the entry the checkpoint given signed: the trail was rewritten at or"
                            + " before entry " + seq);
        }
        return new WitnessCheck(seq, true, true, null);
    }

    private static Long firstBadOf(CheckpointView c, long trailEnd, WitnessCheck held) {
        return held.signatureValid() && c.seq() > trailEnd ? trailEnd + 1 : c.seq();
    }

    /** What Bean Validation cannot say: the key, signature and signed text are what they claim to be. */
    private static void requireWellFormed(CheckpointView c) {
        List<FieldError> errors = new ArrayList<>();
        try {
            KeyFactory.getInstance(CheckpointService.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(c.publicKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            errors.add(new FieldError("checkpoint.publicKey", "must be an Ed25519 public key, X.509, base64"));
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(c.signature());
        } catch (IllegalArgumentException e) {
            signature = new byte[0];
        }
        if (signature.length != 64) {
            errors.add(new FieldError("checkpoint.signature", "must be an Ed25519 signature: 64 bytes, base64"));
        }
        if (c.message() != null && !c.message().equals(CheckpointService.message(c.seq(), c.hash(), c.at()))) {
            errors.add(new FieldError(
                    "checkpoint.message",
                    "is not the text seq, hash and at make (adreview-audit-checkpoint\\nseq=…\\nhash=…\\nat=…)"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The checkpoint is not valid", errors);
        }
    }
}
