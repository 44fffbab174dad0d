package com.adreview.audit;

import com.adreview.audit.VerificationView.Status;
import com.adreview.audit.VerificationView.Tail;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Verifies the trail: the hash chain from the first entry, then every stored checkpoint against the
 * entry it pins. Only what a verified checkpoint covers is vouched for: entries after the last one are
 * reported as an unverified tail, since someone who can write the store can cut or rewrite them (and
 * the trail's recorded end with them) without anything signed telling.
 */
@ApplicationScoped
public class AuditVerification {

    private final AuditTrail trail;
    private final Checkpoints checkpoints;

    public AuditVerification(AuditTrail trail, Checkpoints checkpoints) {
        this.trail = trail;
        this.checkpoints = checkpoints;
    }

    public VerificationView verify() {
        AuditTrail.Verification chain = trail.verify();
        Checkpoints.Check signed = checkpoints.verifyAll(chain.lastSeq());
        boolean intact = chain.intact() && signed.firstBadSeq() == null;
        Long through = signed.verifiedThrough();
        long covered = through == null ? 0 : through;
        Tail tail = intact && chain.lastSeq() > covered
                ? new Tail(chain.lastSeq() - covered, covered + 1, chain.lastSeq())
                : null;
        return new VerificationView(
                !intact ? Status.BROKEN : tail != null ? Status.UNVERIFIED_TAIL : Status.VERIFIED,
                intact,
                chain.entries(),
                chain.lastSeq(),
                chain.lastHash(),
                chain.firstBadSeq() != null ? chain.firstBadSeq() : signed.firstBadSeq(),
                chain.problem() != null ? chain.problem() : signed.problem(),
                signed.checked(),
                signed.retired(),
                through,
                tail,
                null);
    }
}
