package com.adreview.submission;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditTrail;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyService;
import com.adreview.store.DocumentMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Replays a stored decision: the package as stored, the context as stored, and the pack version that
 * decided, rebuilt from the files kept in {@code policyPacks} (whatever the pack on disk is now), fed
 * to the same pure engine. The audit trail's record of the decision vouches for the inputs: their
 * digests must match what it recorded.
 */
@ApplicationScoped
public class ReplayService {

    private final SubmissionStore submissions;
    private final SubmissionService intake;
    private final PolicyService policy;
    private final AuditTrail trail;
    private final DocumentMapper documents;
    private final DecisionEngine engine = new DecisionEngine();

    public ReplayService(
            SubmissionStore submissions,
            SubmissionService intake,
            PolicyService policy,
            AuditTrail trail,
            DocumentMapper documents) {
        this.submissions = submissions;
        this.intake = intake;
        this.policy = policy;
        this.trail = trail;
        this.documents = documents;
    }

    public ReplayView replay(String submissionId) {
        SubmissionDocument s = submissions
                .byId(submissionId)
                .orElseThrow(() -> ProblemException.notFound("No submission with id " + submissionId));
        if (s.decisionContext == null) {
            throw ProblemException.conflict("Submission " + submissionId
                    + " was decided before decision contexts were kept; it cannot be replayed");
        }
        PolicyPack pack = policy.keptVersion(s.policyVersion);
        AdPackage ad = intake.submission(s).ad();
        EvaluationContext context = read(s.decisionContext, EvaluationContext.class);
        Decision stored = read(s.decision, Decision.class);
        Decision replayed = engine.evaluate(ad, context, pack);

        Document recorded = recordedDecision(submissionId);
        List<String> differences = new ArrayList<>();
        boolean packageIntact =
                recorded != null && AuditTrail.digest(s.adPackage).equals(recorded.getString("packageDigest"));
        boolean contextIntact =
                recorded != null && AuditTrail.digest(s.decisionContext).equals(recorded.getString("contextDigest"));
        if (recorded == null) {
            differences.add("the audit trail holds no record of this decision");
        } else if (!AuditTrail.digest(s.decision).equals(AuditTrail.digest(recorded.get("decision")))) {
            differences.add("the stored decision is not the one the audit trail recorded");
        }
        if (!packageIntact) {
            differences.add("the stored package is not the one the decision was recorded on");
        }
        if (!contextIntact) {
            differences.add("the stored context is not the one the decision was recorded on");
        }
        if (stored.status() != replayed.status()) {
            differences.add("status: stored " + stored.status() + ", replayed " + replayed.status());
        }
        compare(stored.findings(), replayed.findings(), differences);
        return new ReplayView(
                submissionId,
                s.policyVersion,
                pack.version().equals(s.policyVersion),
                packageIntact,
                contextIntact,
                stored.status(),
                replayed.status(),
                differences.isEmpty(),
                differences,
                replayed.findings());
    }

    private static void compare(List<Finding> stored, List<Finding> replayed, List<String> differences) {
        int n = Math.max(stored.size(), replayed.size());
        for (int i = 0; i < n; i++) {
            Finding a = i < stored.size() ? stored.get(i) : null;
            Finding b = i < replayed.size() ? replayed.get(i) : null;
            if (a == null) {
                differences.add("finding " + i + ": only in the replay: " + b.ruleId());
            } else if (b == null) {
                differences.add("finding " + i + ": only in the stored decision: " + a.ruleId());
            } else if (!a.equals(b)) {
                differences.add(
                        "finding " + i + ": stored " + a.ruleId() + "/" + a.outcome() + ", replayed " + b.ruleId() + "/"
                                + b.outcome() + (a.ruleId().equals(b.ruleId()) ? " (message or evidence differ)" : ""));
            }
        }
    }

    /** The SUBMISSION_DECIDED entry's record of the decision, or null. */
    private Document recordedDecision(String submissionId) {
        Document entry = trail.byKey("decided:" + submissionId);
        return entry == null ? null : entry.get("after", Document.class);
    }

    private <T> T read(Document d, Class<T> type) {
        return documents.fromDocument(d, type);
    }
}
