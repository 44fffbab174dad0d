package com.adreview.policy;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.SubmissionStatus;

/**
 * Told of every decision the pack in force makes, with the package and context it was made on, after
 * it is made: a shadow pack decides the same package too. An observer never changes the decision, must
 * not block, and what it throws is logged and ignored.
 */
public interface DecisionObserver {

    /**
     * @param current the status of the ad decided again ({@code APPROVED} when live, so that a rejection
     *     would pull it; {@code PENDING_REVIEW} when waiting), or null for a package decided at intake
     */
    void decided(AdPackage ad, EvaluationContext context, SubmissionStatus current, Decision decision);
}
