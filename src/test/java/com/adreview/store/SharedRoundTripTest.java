package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Requests that ask while a command is in flight share the next one, and each gets its own answer. */
class SharedRoundTripTest {

    @Test
    void aLoneCallerSendsAtOnceAlone() {
        List<List<Integer>> sent = new CopyOnWriteArrayList<>();
        SharedRoundTrip<Integer, String> trip = new SharedRoundTrip<>(8, items -> {
            sent.add(List.copyOf(items));
            return items.stream().map(i -> "answer " + i).toList();
        });

        assertThat(trip.apply(1)).isEqualTo("answer 1");
        assertThat(trip.apply(2)).isEqualTo("answer 2");
        assertThat(sent).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void callersArrivingWhileACommandIsInFlightShareTheNextOneEachWithItsOwnAnswer() throws Exception {
        int callers = 12;
        CountDownLatch firstInFlight = new CountDownLatch(1);
        CountDownLatch othersWaiting = new CountDownLatch(1);
        List<List<Integer>> sent = new CopyOnWriteArrayList<>();
        SharedRoundTrip<Integer, Integer> trip = new SharedRoundTrip<>(64, items -> {
            sent.add(List.copyOf(items));
            if (sent.size() == 1) {
                firstInFlight.countDown();
                await(othersWaiting);
            }
            return items.stream().map(i -> i * 10).toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            Future<Integer> first = pool.submit(() -> trip.apply(0));
            assertThat(firstInFlight.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 1; i < callers; i++) {
                int item = i;
                others.add(pool.submit(() -> trip.apply(item)));
            }
            // Every other caller has added its item and waits for the lock the first one holds.
            waitUntil(() -> trip.waiting() == callers - 1);
            othersWaiting.countDown();

            assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
            for (int i = 1; i < callers; i++) {
                assertThat(others.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsExactly(0);
        assertThat(sent.get(1))
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.IntStream.range(1, callers).boxed().toList());
    }

    @Test
    void aGroupIsNoLargerThanItsBound() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        AtomicInteger sends = new AtomicInteger();
        SharedRoundTrip<Integer, Integer> trip = new SharedRoundTrip<>(3, items -> {
            sizes.add(items.size());
            if (sends.incrementAndGet() == 1) {
                await(release);
            }
            return items;
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> all = new ArrayList<>();
            all.add(pool.submit(() -> trip.apply(0)));
            waitUntil(() -> sends.get() == 1);
            for (int i = 1; i < 8; i++) {
                int item = i;
                all.add(pool.submit(() -> trip.apply(item)));
            }
            waitUntil(() -> trip.waiting() == 7);
            release.countDown();
            for (int i = 0; i < 8; i++) {
                assertThat(all.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sizes).allMatch(n -> n <= 3);
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8);
        assertThat(sizes.subList(1, sizes.size())).containsExactly(3, 3, 1);
    }

    @Test
    void aFailedCommandFailsEveryItemOfItsGroupAndTheNextCommandIsSentAfresh() {
        AtomicInteger sends = new AtomicInteger();
        SharedRoundTrip<String, String> trip = new SharedRoundTrip<>(8, items -> {
            if (sends.incrementAndGet() == 1) {
                throw new IllegalStateException("store unreachable");
            }
            return items;
        });

        assertThatThrownBy(() -> trip.apply("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("store unreachable");
        assertThat(trip.apply("b")).isEqualTo("b");
    }

    @Test
    void aCommandThatAnswersTooFewItemsIsAFailureNotAWrongAnswer() {
        SharedRoundTrip<String, String> trip = new SharedRoundTrip<>(8, items -> List.of());

        assertThatThrownBy(() -> trip.apply("a"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 0 of 1");
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThatThrownBy(() -> new SharedRoundTrip<String, String>(0, items -> items))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(1);
        }
    }
}
