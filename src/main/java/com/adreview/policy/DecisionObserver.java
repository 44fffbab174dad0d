package com.adreview.policy;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;

/**
 * Told of every decision the pack in force makes, with the package and context it was made on, after
 * it is made: a shadow pack decides the same package too. An observer never changes the decision, must
 * not block, and what it throws is logged and ignored.
 */
public interface DecisionObserver {

    void decided(AdPackage ad, EvaluationContext context, Decision decision);
}
