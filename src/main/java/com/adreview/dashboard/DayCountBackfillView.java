package com.adreview.dashboard;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The backfill of day counts as an admin or auditor sees it. */
@Schema(
        description = "The backfill of the dashboard's day counts from the submissions and complaints stored before"
                + " day counts were kept.")
public record DayCountBackfillView(
        @Schema(description = "NOT_NEEDED (the store began with day counts), QUEUED, RUNNING or DONE.")
                BackfillState state,
        @Schema(description = "The run's id: a new request starts a new run, and the old one stops.") String runId,
        @Schema(description = "Who asked for it: `user:<name>` (an admin), or `system` when found needed at start.")
                String requestedBy,
        Instant requestedAt,
        Instant startedAt,
        Instant finishedAt,
        @Schema(description = "While RUNNING: walking the SUBMISSIONS, then the COMPLAINTS, then WRITING the counts.")
                BackfillPhase phase,
        @Schema(description = "Submissions walked so far, of about `submissionsTotal` when it began.")
                long submissionsRead,
        long submissionsTotal,
        @Schema(description = "Complaints walked so far, of about `complaintsTotal` when it began.")
                long complaintsRead,
        long complaintsTotal,
        @Schema(description = "Submission revisions counted (those the live path had not counted).") long submissions,
        @Schema(description = "Complaints counted (those the live path had not counted).") long complaints,
        @Schema(description = "When DONE: how many UTC days got counts, the oldest and the newest (yyyy-MM-dd).")
                int days,
        String firstDay,
        String lastDay,
        @Schema(description = "The last failure of a step, retried at the next round; null after a step succeeds.")
                String lastError,
        @Schema(description = "The instance holding the backfill's lease now, if any.") String heldBy) {

    static DayCountBackfillView of(DayCountBackfillDocument d, String heldBy) {
        return new DayCountBackfillView(
                d.state,
                d.runId,
                d.requestedBy,
                d.requestedAt,
                d.startedAt,
                d.finishedAt,
                d.state == BackfillState.RUNNING ? d.phase : null,
                d.submissionsRead,
                d.submissionsTotal,
                d.complaintsRead,
                d.complaintsTotal,
                d.submissions,
                d.complaints,
                d.days,
                d.firstDay,
                d.lastDay,
                d.lastError,
                heldBy);
    }
}
