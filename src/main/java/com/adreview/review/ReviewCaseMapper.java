package com.adreview.review;

import com.adreview.engine.Decision;
import com.adreview.engine.Finding;
import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.adreview.store.DocumentMapper;
import com.adreview.submission.StatusChange;
import com.adreview.submission.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Turns stored cases and findings into the records the API and the console show, and back. */
@ApplicationScoped
public class ReviewCaseMapper {

    private final DocumentMapper documents;

    public ReviewCaseMapper(DocumentMapper documents) {
        this.documents = documents;
    }

    public ReviewCaseView view(ReviewCaseDocument d, Instant now) {
        boolean done = d.state == ReviewState.DONE;
        boolean lapsed = d.state == ReviewState.CLAIMED && d.leaseExpiresAt != null && !d.leaseExpiresAt.isAfter(now);
        ReviewState state = lapsed ? ReviewState.OPEN : d.state;
        Resolution resolution = d.resolution == null ? null : resolution(d.resolution);
        Instant until = done && resolution != null ? resolution.decidedAt() : now;
        Duration age = Duration.between(d.openedAt, until);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        return new ReviewCaseView(
                d.id.toHexString(),
                d.kind,
                state,
                d.submissionId,
                d.adId,
                d.accountId,
                d.revision,
                d.category,
                d.topics == null
                        ? List.of()
                        : d.topics.stream().map(Topic::valueOf).toList(),
                findings(d.findings),
                d.openedAt,
                d.dueAt,
                age.toSeconds(),
                age.withNanos(0).toString(),
                !done && d.dueAt != null && now.isAfter(d.dueAt),
                state == ReviewState.CLAIMED ? d.claimedBy : null,
                state == ReviewState.CLAIMED ? d.leaseExpiresAt : null,
                conflicts(d.conflicts),
                d.appeal == null ? null : appeal(d.appeal),
                resolution == null ? null : resolution.view(),
                history(d.history));
    }

    /** A stored resolution, with the time read back as an instant. */
    private record Resolution(ReviewCaseView.Resolution view) {
        Instant decidedAt() {
            return view.decidedAt();
        }
    }

    private Resolution resolution(Document r) {
        String status = r.getString("submissionStatus");
        return new Resolution(new ReviewCaseView.Resolution(
                ReviewOutcome.valueOf(r.getString("outcome")),
                r.getString("reason"),
                r.getString("reviewer"),
                instant(r.get("decidedAt")),
                findings(r.getList("addedFindings", Document.class)),
                r.getList("dismissedFindings", String.class),
                status == null ? null : SubmissionStatus.valueOf(status)));
    }

    private static ReviewCaseView.Appeal appeal(Document a) {
        String status = a.getString("appealedStatus");
        return new ReviewCaseView.Appeal(
                a.getString("reason"),
                a.getString("evidence"),
                a.getList("disputedFindings", String.class),
                status == null ? null : SubmissionStatus.valueOf(status),
                instant(a.get("filedAt")));
    }

    /** The stored conflicts of a case; null for a case that is not about one. */
    static List<IdentityConflict> conflicts(List<Document> stored) {
        if (stored == null) {
            return null;
        }
        return stored.stream()
                .map(c -> new IdentityConflict(
                        IdentifierKind.valueOf(c.getString("kind")), c.getString("identifier"), c.getString("holder")))
                .toList();
    }

    private static List<ReviewCaseView.CaseEvent> history(List<Document> events) {
        if (events == null) {
            return List.of();
        }
        return events.stream()
                .map(e -> new ReviewCaseView.CaseEvent(
                        instant(e.get("at")), e.getString("actor"), e.getString("action"), e.getString("detail")))
                .toList();
    }

    /** Findings as stored (BSON documents) back as records. */
    public List<Finding> findings(List<Document> stored) {
        if (stored == null) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>(stored.size());
        for (Document f : stored) {
            out.add(documents.fromDocument(f, Finding.class));
        }
        return out;
    }

    /** A decision as a BSON document for storing. */
    public Document document(Decision decision) {
        return documents.toDocument(decision);
    }

    /** A stored decision back as a record. */
    public Decision decision(Document stored) {
        return documents.fromDocument(stored, Decision.class);
    }

    /** Findings as BSON documents for storing. */
    public List<Document> documents(List<Finding> findings) {
        List<Document> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(documents.toDocument(f));
        }
        return out;
    }

    /**
     * The findings that stand against a submission: its decision's at intake and, when it was pulled,
     * those of the pull.
     */
    public List<Finding> standingFindings(Submission s) {
        List<Finding> out = new ArrayList<>();
        if (s.decision() != null) {
            out.addAll(s.decision().findings());
        }
        List<StatusChange> changes = s.statusChanges();
        if (s.is(SubmissionStatus.PULLED) && !changes.isEmpty()) {
            StatusChange last = changes.get(changes.size() - 1);
            if (last.decision() != null) {
                out.addAll(last.decision().findings());
            }
        }
        return out;
    }

    static Instant instant(Object stored) {
        if (stored instanceof Date date) {
            return date.toInstant();
        }
        if (stored instanceof String text) {
            return Instant.parse(text);
        }
        return null;
    }
}
