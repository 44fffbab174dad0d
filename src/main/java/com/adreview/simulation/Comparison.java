package com.adreview.simulation;

import com.adreview.engine.Category;
import com.adreview.engine.Decision;
import com.adreview.engine.Finding;
import com.adreview.engine.SubmissionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a candidate pack would do to one ad, compared with the pack in force deciding it in the same
 * context: the ad's status under each (as the ad would have it: a live ad the pack rejects is
 * {@code PULLED}), and the findings only one of them makes. A finding is the same under both when its
 * rule, topic and outcome are: a message quoting a changed threshold is not a new finding.
 *
 * @param from the status under the pack in force
 * @param to the status under the candidate
 * @param appearing findings the candidate makes and the pack in force does not
 * @param disappearing findings the pack in force makes and the candidate does not
 */
record Comparison(
        Category category,
        SubmissionStatus from,
        SubmissionStatus to,
        List<Finding> appearing,
        List<Finding> disappearing) {

    /** Whether the candidate changes anything for the ad: its status, or what is found in it. */
    boolean affected() {
        return from != to || !appearing.isEmpty() || !disappearing.isEmpty();
    }

    /** {@code APPROVED→PULLED}. */
    String transition() {
        return from + "→" + to;
    }

    /**
     * @param current the ad's status now: {@code APPROVED} (live) or {@code PENDING_REVIEW} (waiting);
     *     null for a past submission replayed as at its intake, whose status is the decision's
     */
    static Comparison of(Category category, SubmissionStatus current, Decision inForce, Decision candidate) {
        return new Comparison(
                category,
                as(current, inForce.status()),
                as(current, candidate.status()),
                only(candidate.findings(), inForce.findings()),
                only(inForce.findings(), candidate.findings()));
    }

    /** What a decision makes of an ad in this status: a live ad rejected is pulled; a waiting one, rejected. */
    static SubmissionStatus as(SubmissionStatus current, SubmissionStatus decided) {
        return current == SubmissionStatus.APPROVED && decided == SubmissionStatus.REJECTED
                ? SubmissionStatus.PULLED
                : decided;
    }

    private static List<Finding> only(List<Finding> in, List<Finding> notIn) {
        Map<Key, Finding> other = new LinkedHashMap<>();
        notIn.forEach(f -> other.put(Key.of(f), f));
        List<Finding> out = new ArrayList<>();
        for (Finding f : in) {
            if (!other.containsKey(Key.of(f))) {
                out.add(f);
            }
        }
        return out;
    }

    private record Key(String rule, Object topic, Object outcome) {
        static Key of(Finding f) {
            return new Key(f.ruleId(), f.topic(), f.outcome());
        }
    }
}
