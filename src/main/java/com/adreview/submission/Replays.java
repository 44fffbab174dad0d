package com.adreview.submission;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditTrail;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackDocument;
import com.adreview.policy.PolicyPackException;
import com.adreview.policy.PolicyPackLoader;
import com.adreview.policy.PolicyPackStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * Replays a stored decision: the package as stored, the context as stored, and the pack version that
 * decided, rebuilt from the files kept in {@code policyPacks} (whatever the pack on disk is now), fed
 * to the same pure engine. The audit trail's record of the decision vouches for the inputs: their
 * digests must match what it recorded.
 */
@ApplicationScoped
public class Replays {

    private final SubmissionStore submissions;
    private final SubmissionService intake;
    private final PolicyPackStore packs;
    private final AuditTrail trail;
    private final ObjectMapper json;
    private final DecisionEngine engine = new DecisionEngine();
    private final Map<String, PolicyPack> compiled = new ConcurrentHashMap<>();

    public Replays(
            SubmissionStore submissions,
            SubmissionService intake,
            PolicyPackStore packs,
            AuditTrail trail,
            ObjectMapper json) {
        this.submissions = submissions;
        this.intake = intake;
        this.packs = packs;
        this.trail = trail;
        this.json = json;
    }

    public ReplayView replay(String submissionId) {
        SubmissionDocument s = submissions
                .byId(submissionId)
                .orElseThrow(() -> ProblemException.notFound("No submission with id " + submissionId));
        if (s.decisionContext == null) {
            throw ProblemException.conflict("Submission " + submissionId
                    + " was decided before decision contexts were kept; it cannot be replayed");
        }
        PolicyPack pack = pack(s.policyVersion);
        AdPackage ad = intake.packageOf(s);
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

    /** The pack of that version, rebuilt from its kept files and compiled once. */
    private PolicyPack pack(String version) {
        return compiled.computeIfAbsent(version, v -> {
            PolicyPackDocument kept = packs.byVersion(v)
                    .orElseThrow(() -> ProblemException.conflict("Pack version " + v + " was not kept; cannot replay"));
            Path dir = null;
            try {
                dir = Files.createTempDirectory("adreview-replay-");
                for (PolicyPackDocument.SourceFile f : kept.files) {
                    Path file = dir.resolve(f.path).normalize();
                    if (!file.startsWith(dir)) {
                        throw new IllegalStateException("kept pack " + v + " names a file outside it: " + f.path);
                    }
                    Files.createDirectories(file.getParent());
                    Files.writeString(file, f.content);
                }
                return new PolicyPackLoader().load(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (PolicyPackException e) {
                throw new IllegalStateException("kept pack " + v + " no longer loads: " + e.getMessage(), e);
            } finally {
                deleteQuietly(dir);
            }
        });
    }

    private <T> T read(Document d, Class<T> type) {
        try {
            return json.readValue(d.toJson(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read back", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
