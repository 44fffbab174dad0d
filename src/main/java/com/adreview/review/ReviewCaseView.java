package com.adreview.review;

import com.adreview.decision.Category;
import com.adreview.decision.Finding;
import com.adreview.decision.IdentityConflict;
import com.adreview.decision.SubmissionStatus;
import com.adreview.decision.Topic;
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
