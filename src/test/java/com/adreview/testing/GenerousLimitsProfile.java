package com.adreview.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Rates no test reaches, and two requests in flight per key: OpenApiFuzzTest sends thousands of requests one
 * after another (never two at once on a key), TenantFairnessTest shows that one key cannot hold more than two
 * workers. One application for both: a profile of its own costs the suite an augmentation and a start.
 */
public class GenerousLimitsProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "adreview.security.rate-limit.per-second", "100000",
                "adreview.security.rate-limit.burst", "100000",
                "adreview.complaint.intake.per-second", "100000",
                "adreview.complaint.intake.burst", "100000",
                "adreview.security.rate-limit.max-in-flight", "2");
    }
}
