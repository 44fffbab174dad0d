package com.adreview.review;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import com.adreview.security.Caller;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/** Advertisers appeal findings of a rejected or pulled submission; the appeal becomes a review case. */
@ApplicationScoped
public class AppealService {

    static final String INVALID_APPEAL = "The request is not a valid appeal";

    private final ReviewIntake intake;
    private final ReviewStore store;
    private final ReviewCaseMapper views;
    private final SubmissionService submissions;
    private final Clock clock;

    public AppealService(
            ReviewIntake intake,
            ReviewStore store,
            ReviewCaseMapper views,
            SubmissionService submissions,
            Clock clock) {
        this.intake = intake;
        this.store = store;
        this.views = views;
        this.submissions = submissions;
        this.clock = clock;
    }

    /** Files an appeal: only on the ad's current revision, only REJECTED or PULLED, one open at a time. */
    public ReviewCaseView file(String submissionId, AppealRequest request, Caller caller) {
        Submission s = submissions
                .byId(submissionId)
                .filter(found -> caller.sees(found.accountId()))
                .orElseThrow(() -> ProblemException.notFound("No submission with id " + submissionId));
        SubmissionStatus status = s.status();
        if (status != SubmissionStatus.REJECTED && status != SubmissionStatus.PULLED) {
            throw ProblemException.conflict(
                    "Only a REJECTED or PULLED submission can be appealed; " + submissionId + " is " + status);
        }
        if (!s.current()) {
            throw ProblemException.conflict("Submission " + submissionId
                    + " is not the ad's latest revision; appeal the latest one, which is what can run");
        }
        List<Finding> standing = views.standingFindings(s);
        List<Document> disputed = disputed(request.findings(), standing);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Document appeal = new Document("reason", request.reason().strip())
                .append(
                        "evidence",
                        request.evidence() == null ? null : request.evidence().strip())
                .append("disputedFindings", new ArrayList<>(new LinkedHashSet<>(request.findings())))
                .append("appealedStatus", status.name())
                .append("filedAt", Date.from(now));
        List<String> topics = views.findings(disputed).stream()
                .map(Finding::topic)
                .filter(Objects::nonNull)
                .map(Enum::name)
                .distinct()
                .toList();
        for (int attempt = 0; attempt < 2; attempt++) {
            var opened = intake.open(ReviewKind.APPEAL, s, disputed, topics, appeal, now, caller.actor());
            if (opened.isPresent()) {
                return views.view(opened.get(), now);
            }
            // Another case is open on the submission: an appeal (refused), or one that no longer applies.
            ReviewCaseDocument other = store.openFor(submissionId).orElse(null);
            if (other != null && other.kind == ReviewKind.APPEAL) {
                throw ProblemException.conflict(
                        "Submission " + submissionId + " already has an open appeal: case " + other.id.toHexString());
            }
            if (other != null) {
                intake.closeMoot(
                        other, ReviewOutcome.OBSOLETE, "the submission is now " + status + " and was appealed", now);
            }
        }
        throw ProblemException.conflict("Submission " + submissionId + " changed while filing the appeal; retry");
    }

    /** The stored findings the appeal names; a 400 names each rule id that is not one of them. */
    private List<Document> disputed(List<String> ruleIds, List<Finding> standing) {
        Set<String> known = new LinkedHashSet<>();
        standing.forEach(f -> known.add(f.ruleId()));
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < ruleIds.size(); i++) {
            if (!known.contains(ruleIds.get(i))) {
                errors.add(new FieldError(
                        "findings[" + i + "]", "is not the rule id of a finding of this submission: " + known));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(INVALID_APPEAL, errors);
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : standing) {
            if (ruleIds.contains(f.ruleId())
                    && out.stream().noneMatch(o -> o.ruleId().equals(f.ruleId()))) {
                out.add(f);
            }
        }
        return views.documents(out);
    }
}
