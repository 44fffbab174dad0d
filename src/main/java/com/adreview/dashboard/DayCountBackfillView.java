package com.adreview.dashboard;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The backfill of day counts as an admin or auditor sees it. */
@Schema(
        description = "The backfill of the dashboard's day counts from the submissions, complaints and pulls stored"
                + " before day counts were kept.")
public record DayCountBackfillView(
        @Schema(description = "NOT_NEEDED (the store began with day counts), QUEUED, RUNNING or DONE.")
                BackfillState state,
        @Schema(description = "The run's id: a new request starts a new run, and the old one stops.") String runId,
        @Schema(description = "Who asked for it: `user:<name>` (an admin), or `system` when found needed at start.")
                String requestedBy,
        @Schema(description = "When the run was asked for.") Instant requestedAt,
        @Schema(
                        description = "True for a run that counts the change feed's pulls alone (started by itself on a"
                                + " store whose decisions and complaints were counted before pulls were); it"
                                + " leaves the other counts as they are.")
                boolean pullsOnly,
        @Schema(description = "When an instance began walking; null while QUEUED.") Instant startedAt,
        @Schema(description = "When the counts were written and the run was DONE; null before.") Instant finishedAt,
        @Schema(
                        description =
                                "While RUNNING: walking the SUBMISSIONS, then the COMPLAINTS, then the PULLS (the change feed),"
                                        + " then WRITING the counts.")
                BackfillPhase phase,
        @Schema(description = "Submissions walked so far, of about `submissionsTotal` when it began.")
                long submissionsRead,
        @Schema(description = "About how many submission revisions the store held when the run began.")
                long submissionsTotal,
        @Schema(description = "Complaints walked so far, of about `complaintsTotal` when it began.")
                long complaintsRead,
        @Schema(description = "About how many complaints the store held when the run began.") long complaintsTotal,
        @Schema(description = "Change feed entries walked so far for pulls, of about `pullsTotal` when it began.")
                long pullsRead,
        @Schema(
                        description = "About how many change feed entries (every ad status change, pulls among them)"
                                + " the store held when the run began.")
                long pullsTotal,
        @Schema(description = "Submission revisions counted (those the live path had not counted).") long submissions,
        @Schema(description = "Complaints counted (those the live path had not counted).") long complaints,
        @Schema(description = "Pulls counted (those the live path had not counted).") long pulls,
        @Schema(description = "When DONE: how many UTC days got counts, the oldest and the newest (yyyy-MM-dd).")
                int days,
        @Schema(description = "The oldest UTC day given counts (yyyy-MM-dd); null before DONE or when none.")
                String firstDay,
        @Schema(description = "The newest UTC day given counts (yyyy-MM-dd); null before DONE or when none.")
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
                d.pullsOnly,
                d.startedAt,
                d.finishedAt,
                d.state == BackfillState.RUNNING ? d.phase : null,
                d.submissionsRead,
                d.submissionsTotal,
                d.complaintsRead,
                d.complaintsTotal,
                d.pullsRead,
                d.pullsTotal,
                d.submissions,
                d.complaints,
                d.pulls,
                d.days,
                d.firstDay,
                d.lastDay,
                d.lastError,
                heldBy);
    }
}
