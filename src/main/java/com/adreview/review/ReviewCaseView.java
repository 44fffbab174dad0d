package com.adreview.review;

import com.adreview.engine.Category;
import com.adreview.engine.Finding;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A case of the review queue as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ReviewCase", description = "A case in the review queue: what it is about, who holds it, how it ended.")
public record ReviewCaseView(
        @Schema(description = "Id of the case.") String id,
        @Schema(description = "INTAKE, RE_EVALUATION, APPEAL or IDENTITY_CONFLICT.") ReviewKind kind,
        @Schema(description = "OPEN, CLAIMED or DONE; a claim whose lease lapsed shows as OPEN.") ReviewState state,
        @Schema(description = "The submission (ad revision) the case is about.") String submissionId,
        @Schema(description = "The advertiser's id of the ad.") String adId,
        @Schema(description = "Advertiser account.") String accountId,
        @Schema(description = "Revision of the ad.") int revision,
        @Schema(description = "Category of the ad.") Category category,
        @Schema(description = "Topics of the findings the case is about.") List<Topic> topics,
        @Schema(description = "The findings the case is about (escalated, or disputed by the appeal).")
                List<Finding> findings,
        @Schema(description = "When the case entered the queue.") Instant openedAt,
        @Schema(description = "When it is due under the category's SLA.") Instant dueAt,
        @Schema(description = "Seconds since it was opened (until it was decided, once done).") long ageSeconds,
        @Schema(description = "The same age as an ISO-8601 duration.", example = "PT3H12M") String age,
        @Schema(description = "Open past its due time.") boolean overdue,
        @Schema(description = "The reviewer holding the lease, while claimed.") String claimedBy,
        @Schema(description = "When the lease lapses, while claimed.") Instant leaseExpiresAt,
        @Schema(
                        description = "For an identity conflict: the identifiers the submission names that other"
                                + " accounts hold, each with its holder.")
                List<IdentityConflict> conflicts,
        @Schema(description = "For an appeal: what the advertiser said.") Appeal appeal,
        @Schema(description = "How the case ended, once done.") Resolution resolution,
        @Schema(description = "Everything that happened to the case, oldest first.") List<CaseEvent> history) {

    /** Who stands for a person of staff in what the advertiser sees: the role, never a name. */
    static final String STAFF = "reviewer";

    /**
     * The case as the advertiser's gateway may see it: the reviewers are "reviewer", not people an
     * advertiser could look up or lean on; the advertiser's own actions and the system's keep their names.
     */
    public ReviewCaseView asAdvertiserSeesIt() {
        Resolution r = resolution == null
                ? null
                : new Resolution(
                        resolution.outcome(),
                        resolution.reason(),
                        resolution.reviewer() == null ? null : STAFF,
                        resolution.decidedAt(),
                        resolution.addedFindings(),
                        resolution.dismissedFindings(),
                        resolution.submissionStatus());
        List<CaseEvent> events = history == null
                ? null
                : history.stream()
                        .map(e -> new CaseEvent(e.at(), anonymous(e.actor()), e.action(), e.detail()))
                        .toList();
        return new ReviewCaseView(
                id,
                kind,
                state,
                submissionId,
                adId,
                accountId,
                revision,
                category,
                topics,
                findings,
                openedAt,
                dueAt,
                ageSeconds,
                age,
                overdue,
                claimedBy == null ? null : STAFF,
                leaseExpiresAt,
                conflicts,
                appeal,
                r,
                events);
    }

    private static String anonymous(String actor) {
        if (actor == null || actor.equals("system") || actor.startsWith("gateway:")) {
            return actor;
        }
        return STAFF;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReviewAppeal", description = "The advertiser's appeal.")
    public record Appeal(
            @Schema(description = "Why the advertiser disputes the findings.") String reason,
            @Schema(description = "The advertiser's evidence.") String evidence,
            @Schema(description = "Rule ids of the disputed findings.") List<String> disputedFindings,
            @Schema(description = "Status of the submission when the appeal was filed.")
                    SubmissionStatus appealedStatus,
            @Schema(description = "When it was filed.") Instant filedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReviewResolution", description = "How a case ended.")
    public record Resolution(
            @Schema(description = "APPROVE, REJECT (a reviewer's verdict), SUPERSEDED or OBSOLETE.")
                    ReviewOutcome outcome,
            @Schema(description = "The reviewer's reason, or why the case became moot.") String reason,
            @Schema(description = "Who decided; absent when the case became moot.") String reviewer,
            @Schema(description = "When.") Instant decidedAt,
            @Schema(description = "Findings the reviewer added.") List<Finding> addedFindings,
            @Schema(description = "Rule ids of the findings the reviewer dismissed.") List<String> dismissedFindings,
            @Schema(description = "The submission's status after the verdict.") SubmissionStatus submissionStatus) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ReviewCaseEvent", description = "Something that happened to a case.")
    public record CaseEvent(
            @Schema(description = "When.") Instant at,
            @Schema(description = "Who: a reviewer, the advertiser, or system.") String actor,
            @Schema(description = "OPENED, CLAIMED, RELEASED, DECIDED, CLOSED, REOPENED.") String action,
            @Schema(description = "Details.") String detail) {}
}
