package com.adreview.submission;

import com.adreview.engine.Decision;
import com.adreview.engine.SubmissionStatus;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A change of a submission's status after its decision at intake, with what caused it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A change of status after intake: a pull, a reviewer's decision, an appeal, a manual action.")
public record StatusChange(
        @Schema(description = "When it changed.") Instant at,
        @Schema(description = "Status before.") SubmissionStatus from,
        @Schema(description = "Status after.") SubmissionStatus to,
        @Schema(
                        description =
                                "What caused it: COMPLAINT, CATEGORY_SUSPENDED, REVIEW, APPEAL, MANUAL_PULL, REINSTATED,"
                                        + " IDENTITY_LINKED, IDENTITY_UNLINKED, IDENTITY_ASSIGNED (the entity changed).",
                        example = "COMPLAINT")
                String cause,
        @Schema(description = "The complaint that tipped it, when a complaint did.") String complaintId,
        @Schema(description = "The category suspension that pulled it, when one did.") String suspensionId,
        @Schema(description = "The re-evaluation that decided it, with its findings.") Decision decision,
        @Schema(description = "The reviewer who made the change, when a person did.", example = "reviewer-li")
                String actor,
        @Schema(description = "The reason the reviewer gave.") String reason,
        @Schema(description = "The review case whose verdict made the change.") String caseId,
        @Schema(description = "Unique id of this change; its audit entry and feed entry carry it.") String changeId) {

    /** A change made by the engine itself (a pull after re-evaluation). */
    public static StatusChange automatic(
            Instant at,
            SubmissionStatus from,
            SubmissionStatus to,
            String cause,
            String complaintId,
            Decision decision) {
        return new StatusChange(at, from, to, cause, complaintId, null, decision, null, null, null, newId());
    }

    /** A pull by a category suspension's sweep. */
    public static StatusChange bySuspension(Instant at, String suspensionId, Decision decision) {
        return new StatusChange(
                at,
                SubmissionStatus.APPROVED,
                SubmissionStatus.PULLED,
                "CATEGORY_SUSPENDED",
                null,
                suspensionId,
                decision,
                null,
                null,
                null,
                newId());
    }

    /** A change made by a person: a reviewer's verdict, a manual pull or reinstatement. */
    public static StatusChange byReviewer(
            Instant at,
            SubmissionStatus from,
            SubmissionStatus to,
            String cause,
            Decision decision,
            String actor,
            String reason,
            String caseId) {
        return new StatusChange(at, from, to, cause, null, null, decision, actor, reason, caseId, newId());
    }

    /**
     * Ids in the order they were made (an ObjectId's time and counter): the audit trail and the feed
     * index their entries by it, and appending to those indexes in order is far cheaper than writing
     * a random UUID's place in them, a hundred thousand times in a sweep.
     */
    private static String newId() {
        return new org.bson.types.ObjectId().toHexString();
    }
}
