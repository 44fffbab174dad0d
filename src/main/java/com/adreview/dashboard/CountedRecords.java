package com.adreview.dashboard;

import com.adreview.complaint.ComplaintService;
import com.adreview.feed.AdChangeFeed;
import com.adreview.store.DayTally;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The three kinds of record the dashboard counts per day — submissions (decisions), complaints and the change
 * feed's pulls — as the backfill of day counts walks them: whether a kind has records from before it was counted,
 * a page of a walk, and the backfilled counts set at the end. One walk per {@link BackfillPhase}.
 */
@ApplicationScoped
class CountedRecords {

    private final SubmissionService submissions;
    private final ComplaintService complaints;
    private final AdChangeFeed feed;

    CountedRecords(SubmissionService submissions, ComplaintService complaints, AdChangeFeed feed) {
        this.submissions = submissions;
        this.complaints = complaints;
        this.feed = feed;
    }

    /** Whether the oldest submission or complaint was stored before day counts were kept. */
    boolean decisionsOrComplaintsUncounted() {
        return submissions.oldestUncounted() || complaints.oldestUncounted();
    }

    /** Whether the feed's oldest entry was appended before pulls were counted. */
    boolean pullsUncounted() {
        return feed.oldestUncounted();
    }

    /** Whether any count of any kind was ever written. */
    boolean anyDayCounts() {
        return submissions.hasDecisionDayCounts() || complaints.hasComplaintDayCounts() || feed.hasPullDayCounts();
    }

    /** About how many records of the walk's kind there are (the store's own count): for progress. */
    long estimatedCount(BackfillPhase walk) {
        return switch (walk) {
            case SUBMISSIONS -> submissions.estimatedCount();
            case COMPLAINTS -> complaints.estimatedCount();
            case PULLS -> feed.estimatedCount();
            case WRITING -> throw new IllegalArgumentException("nothing is walked while writing");
        };
    }

    /** The walk's next page after {@code after} (null: from the first), with the counts the live path did not make. */
    DayTally.Page page(BackfillPhase walk, String after, int size) {
        return switch (walk) {
            case SUBMISSIONS -> submissions.uncountedDecisions(after, size);
            case COMPLAINTS -> complaints.uncountedComplaints(after, size);
            case PULLS -> feed.uncountedPulls(after, size);
            case WRITING -> throw new IllegalArgumentException("nothing is walked while writing");
        };
    }

    /** Sets the backfilled part of the walk's kind of counts to the tally (zero where it has none). */
    void setBackfilled(BackfillPhase walk, DayTally tally) {
        switch (walk) {
            case SUBMISSIONS -> submissions.setBackfilledDecisionCounts(tally);
            case COMPLAINTS -> complaints.setBackfilledComplaintCounts(tally);
            case PULLS -> feed.setBackfilledPullCounts(tally);
            case WRITING -> throw new IllegalArgumentException("nothing is walked while writing");
        }
    }
}
