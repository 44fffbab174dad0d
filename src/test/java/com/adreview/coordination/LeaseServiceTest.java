package com.adreview.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Leases in the store, as two instances sharing it see them. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class LeaseServiceTest {

    private static LeaseService instance(String name, Duration ttl) {
        CoordinationConfig config = new CoordinationConfig() {
            @Override
            public Duration leaseTtl() {
                return ttl;
            }

            @Override
            public Optional<String> instanceName() {
                return Optional.of(name);
            }
        };
        return new LeaseService(new InstanceIdentity(config), config, Clock.systemUTC());
    }

    @Test
    void oneInstanceHoldsALeaseUntilItReleasesIt() {
        String work = "work:" + UUID.randomUUID();
        LeaseService a = instance("a", Duration.ofMinutes(1));
        LeaseService b = instance("b", Duration.ofMinutes(1));
        assertThat(a.acquire(work)).isTrue();
        assertThat(a.acquire(work)).as("renewing one's own").isTrue();
        assertThat(b.acquire(work)).isFalse();
        assertThat(b.renew(work)).isFalse();
        b.release(work); // not b's to release
        assertThat(a.holder(work)).hasValueSatisfying(owner -> assertThat(owner).startsWith("a-"));
        a.release(work);
        assertThat(b.acquire(work)).isTrue();
        assertThat(a.renew(work)).isFalse();
    }

    @Test
    void aLeaseThatIsNotRenewedIsTakenOverWhenItRunsOut() throws InterruptedException {
        String work = "work:" + UUID.randomUUID();
        LeaseService dying = instance("dying", Duration.ofMillis(300));
        LeaseService survivor = instance("survivor", Duration.ofMinutes(1));
        assertThat(dying.acquire(work)).isTrue();
        assertThat(survivor.acquire(work)).isFalse();
        Thread.sleep(400);
        assertThat(survivor.acquire(work)).isTrue();
        assertThat(dying.renew(work))
                .as("the old holder learns it lost the lease")
                .isFalse();
    }

    @Test
    void aLeaseOfItsOwnLengthRunsOutThenAndIsRenewedByThatLength() throws InterruptedException {
        String work = "work:" + UUID.randomUUID();
        LeaseService planner = instance("planner", Duration.ofMinutes(1));
        LeaseService other = instance("other", Duration.ofMinutes(1));
        assertThat(planner.acquire(work, Duration.ofMillis(1_000))).isTrue();
        Thread.sleep(600);
        assertThat(planner.renew(work, Duration.ofMillis(1_000))).isTrue();
        Thread.sleep(500);
        assertThat(other.acquire(work))
                .as("renewed by a second, not run out yet")
                .isFalse();
        Thread.sleep(700);
        assertThat(other.acquire(work))
                .as("run out after its own second, not the general minute")
                .isTrue();
    }

    @Test
    void ofInstancesRacingForAFreeLeaseExactlyOneGetsIt() throws Exception {
        for (int round = 0; round < 10; round++) {
            String work = "work:" + UUID.randomUUID();
            int racers = 6;
            ExecutorService pool = Executors.newFixedThreadPool(racers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                LeaseService leases = instance("racer" + i, Duration.ofMinutes(1));
                results.add(pool.submit(() -> {
                    start.await();
                    return leases.acquire(work);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> r : results) {
                winners += r.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
        }
    }
}
