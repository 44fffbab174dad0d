package com.adreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.junit.jupiter.api.Test;

/** Background loops are stopped at shutdown: let finish within the grace period, interrupted after it. */
class BackgroundWorkTest {

    private final BackgroundWork work = new BackgroundWork(() -> Duration.ofMillis(300));
    private final ManagedExecutor executor = work.executor();

    @Test
    void loopsThatEndWithinTheGracePeriodFinish() {
        AtomicBoolean finished = new AtomicBoolean();
        executor.runAsync(() -> {
            sleep(100);
            finished.set(true);
        });

        assertThat(work.stop()).isEqualTo(BackgroundWork.Stop.FINISHED);
        assertThat(finished).isTrue();
    }

    @Test
    void aLoopStillRunningAfterTheGracePeriodIsInterruptedAndNoNewWorkIsTaken() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        executor.runAsync(() -> {
            started.countDown();
            // Like a suspension sweep between batches: runs until interrupted.
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    return;
                }
            }
            interrupted.set(true);
        });
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        assertThat(work.stop()).isEqualTo(BackgroundWork.Stop.INTERRUPTED);

        assertThat(interrupted).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(executor.isShutdown()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
