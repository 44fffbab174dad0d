package com.adreview.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One store round trip shared by the requests that need the same kind of command at about the same time:
 * those that arrive while one group's command is in flight are sent together in the next one (group
 * commit, as the outbox does for the logs, for any read or write that can be answered item by item).
 *
 * <p>Nobody waits for a timer: a caller adds its item and takes the lock; the caller that gets it sends
 * whatever is waiting, its own item included unless an earlier sender took it along; a caller whose item
 * was taken waits for the lock only to learn its answer. A lone request sends at once, alone, as it would
 * without this; under load the number of commands falls with the number of requests waiting at once.
 *
 * <p>What is shared must not change what each caller gets: {@code send} answers every item as a command
 * of its own would have, and an item's answer comes from a command sent after the item arrived (so a read
 * sees every write its caller made before). When {@code send} throws, every item of that group fails with
 * it.
 *
 * @param <I> what one caller asks
 * @param <O> its answer
 */
public final class SharedRoundTrip<I, O> {

    private final int maxGroup;
    private final Function<List<I>, List<O>> send;
    private final ConcurrentLinkedQueue<Slot<I, O>> waiting = new ConcurrentLinkedQueue<>();
    private final ReentrantLock sending = new ReentrantLock();

    /**
     * @param maxGroup at most this many items in one command (a bound on its size)
     * @param send one command for the items, answering each, in their order
     */
    public SharedRoundTrip(int maxGroup, Function<List<I>, List<O>> send) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1");
        }
        this.maxGroup = maxGroup;
        this.send = send;
    }

    /** The item's answer, from a command sent after it arrived, alone or with others'. */
    public O apply(I item) {
        Slot<I, O> slot = new Slot<>(item);
        waiting.add(slot);
        sending.lock();
        try {
            if (!slot.done) {
                List<Slot<I, O>> group = new ArrayList<>();
                for (Slot<I, O> next; group.size() < maxGroup && (next = waiting.poll()) != null; ) {
                    group.add(next);
                }
                sendGroup(group);
            }
        } finally {
            sending.unlock();
        }
        if (slot.failure != null) {
            throw slot.failure;
        }
        return slot.answer;
    }

    /** How many items wait for a command now (for tests). */
    int waiting() {
        return waiting.size();
    }

    private void sendGroup(List<Slot<I, O>> group) {
        List<I> items = new ArrayList<>(group.size());
        group.forEach(s -> items.add(s.item));
        try {
            List<O> answers = send.apply(items);
            if (answers.size() != items.size()) {
                throw new IllegalStateException(
                        "a shared round trip answered " + answers.size() + " of " + items.size() + " items");
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer = answers.get(i);
            }
        } catch (RuntimeException | Error e) {
            RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            group.forEach(s -> s.failure = failure);
        } finally {
            // Written under the lock; each caller reads them after taking the lock itself.
            group.forEach(s -> s.done = true);
        }
    }

    private static final class Slot<I, O> {
        final I item;
        boolean done;
        O answer;
        RuntimeException failure;

        Slot(I item) {
            this.item = item;
        }
    }
}
