package com.adreview.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of several tests that each need one clock or limit set otherwise than the default test
 * profile, in one application: every profile of its own costs the suite an augmentation and a start
 * (about 11 s on two cores), and these settings do not disturb one another's tests.
 *
 * <ul>
 *   <li>{@code key-memory} 3 s: ApiKeyMemoryTest waits for a key revoked elsewhere to be refused; the others
 *       only have their keys read a little more often.
 *   <li>{@code quarkus.thread-pool.max-threads} 4: BackgroundThreadsTest shows the background loops take no
 *       worker; the others send one request at a time, or a handful (below the pool, and queued if not).
 *   <li>{@code review.lease} and the P2P_LENDING SLA at 1 s: ReviewLeaseTest lets a claim lapse; no other test
 *       here claims a case.
 *   <li>{@code surge.gather} 10 s: SurgeCheckGatheringTest posts complaints back to back to have them checked as
 *       one batch ({@code Surges.checked()} has the worker check what is queued at once); no other test here
 *       waits for a surge check.
 *   <li>No webhook allow-list: WebhookAddressTest shows what a deployment without one refuses; no other test
 *       here registers a subscriber.
 * </ul>
 */
public class ShortClocksProfile implements QuarkusTestProfile {

    /** How long an instance answers for a key from memory after reading it. */
    public static final Duration KEY_MEMORY = Duration.ofSeconds(3);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "adreview.security.key-memory", KEY_MEMORY.toMillis() + "ms",
                "quarkus.thread-pool.max-threads", "4",
                "adreview.review.lease", "1S",
                "adreview.review.sla.P2P_LENDING", "1S",
                "adreview.surge.gather", "10s",
                "adreview.webhook.allowed-hosts", "",
                "adreview.webhook.allowed-networks", "");
    }
}
