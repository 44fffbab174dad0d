package com.adreview.suspension;

import java.util.Map;

/**
 * How far a running sweep has got, from the one feature that knows (enforcement, whose work items count
 * their pulls). The suspension shows it while its sweep runs; its own count is written when it ends.
 */
public interface SweepProgress {

    /** Ads pulled by the suspension's finished work items so far, by the instance that pulled them. */
    Map<String, Long> pulledSoFar(String suspensionId);
}
