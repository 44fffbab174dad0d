package com.adreview.store.embedded;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * One committer thread that makes the store's writes durable for the replies waiting on them
 * ({@link DurableReplies}): while replies wait, it commits the MVStore (and, with {@link Durability#FSYNC},
 * forces the file to the disk), then releases every reply that commit covers. However many writers wait,
 * one commit serves them all: a commit takes about as long for one write as for a hundred, so under load
 * the writers share commits (group commit, as a database's log writer or Trillian's sequencer batches).
 *
 * <p><b>Which commit covers a reply.</b> A reply takes a <em>ticket</em> once its command has finished
 * in the store: the number of the next commit to begin. Tickets are taken, and commits numbered, under
 * one lock, so commit {@code n} begins after every reply holding ticket {@code n} took it, and so after
 * its command finished; an MVStore commit stores every map as it is when the commit begins, so commit
 * {@code n} holds the writes of every reply with a ticket up to {@code n}. Those replies are released
 * once commit {@code n} has returned — {@link MVStore#commit()} writes synchronously, and the file
 * store's pipelines are drained after it ({@link FileStore#executeFileStoreOperation}) so that a chunk
 * the background auto-commit had handed to them is in the file too.
 *
 * <p><b>The auto-commit stays.</b> MVStore's background thread goes on committing every 200 ms what
 * nobody waits for (the only committer with {@link Durability#DELAYED}) and, more to the point, does
 * the file's housekeeping: it rewrites sparse chunks and moves chunks to shrink the file. Without it
 * the file would only grow. It commits rarely here, since the committer leaves little unsaved.
 *
 * <p><b>Bounding the file.</b> Every commit writes a chunk; committing a few hundred times a second
 * leaves many small chunks whose pages soon die. MVStore keeps a dead chunk for its retention time
 * (45 s by default) because, after a power loss, the last chunk on the disk may be older than the one
 * that replaced the dead chunk's pages: overwriting them early could leave a file whose newest readable
 * chunk points at pages that are gone. Here that protection is given by versions instead of time: the
 * committer forces the file at least every {@link #FORCE_INTERVAL} (every commit with fsync) and keeps
 * the store's versions from the last forced one on registered ({@link MVStore#registerVersionUsage()}),
 * so a chunk is freed only when it died at a version already forced to the disk. A process kill loses
 * nothing the operating system was given at all. And readers of the store pin the version they read
 * for the whole command ({@link #pinVersion()}: mongo-java-server reads a query's results in full
 * within the command), so no chunk they may still read is freed either. The retention time then only
 * needs a margin, {@link #RETENTION_MILLIS}, and dead chunks are reused within a second or two instead
 * of piling up for 45 s.
 *
 * <p><b>Why the file is forced that often.</b> A version kept registered is paid for at every commit: each
 * map keeps the roots of every version since the oldest one in use, MVStore walks that chain of every map
 * as it commits ({@code RootReference.removeUnusedOldVersions}), and the chain is as long as the commits
 * made since the last force. Forced once a second, at the 370 commits a second of 500 submissions a second
 * offered, that walk was 85 % of the committer thread's samples and 11 % of the service's CPU. A force
 * takes well under a millisecond on a local disk, so forcing every 100 ms costs the committer about 1 % of
 * its time and keeps the chains short: at 500 submissions/s offered the service's CPU per submission fell
 * by 5 % and the p99 from 38–42 to 28–33 ms (README, "What acknowledged means"). Forcing every 25 ms
 * measured no better.
 */
final class GroupCommit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GroupCommit.class);

    /** With {@link Durability#COMMIT}, how often the file is forced to the disk anyway (see above). */
    static final Duration FORCE_INTERVAL = Duration.ofMillis(100);

    /** Dead chunks kept this long beyond what the version pins keep (MVStore's default is 45 s). */
    static final int RETENTION_MILLIS = 1000;

    /** A reply waiting for commit {@code ticket}; {@code onCommitted} must not block. */
    private record Waiter(long ticket, Runnable onCommitted) {}

    private final MVStore store;
    private final Durability durability;
    private final long windowNanos;
    private final Thread committer;
    private final Object lock = new Object();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final LongAdder commits = new LongAdder();
    private final LongAdder committedReplies = new LongAdder();

    /** Guarded by {@link #lock}: commits begun, and whether the committer should stop. */
    private long begun;

    private boolean closing;
    private volatile long completed;

    /** The version pinned since the file was last forced (committer thread only). */
    private MVStore.TxCounter forcedPin;

    private long lastForceNanos = System.nanoTime();

    /**
     * @param window how long the committer waits, once a reply is waiting, for others to join the commit;
     *     zero commits at once (the commit's own duration already gathers the writes that arrive during it)
     */
    GroupCommit(MVStore store, Durability durability, Duration window) {
        this.store = store;
        this.durability = durability;
        this.windowNanos = window.toNanos();
        if (store.getFileStore() != null) {
            // Only a file has chunks to keep; pinning a store in memory would keep all its versions.
            store.setRetentionTime(RETENTION_MILLIS);
            forcedPin = store.registerVersionUsage();
        }
        this.committer = new Thread(this::run, "embedded-store-group-commit");
        this.committer.setDaemon(true);
        this.committer.start();
    }

    Durability durability() {
        return durability;
    }

    /**
     * Runs {@code onCommitted} (on the committer thread: it must only hand the work on) once a commit
     * that begins after this call has completed. Call it after the command whose reply waits has finished.
     *
     * @return the ticket: the number of that commit
     */
    long afterNextCommit(Runnable onCommitted) {
        synchronized (lock) {
            long ticket = begun + 1;
            waiters.add(new Waiter(ticket, onCommitted));
            lock.notifyAll();
            return ticket;
        }
    }

    /** Pins the store's current version while a command reads or writes it; give it back with {@link #unpin}. */
    MVStore.TxCounter pinVersion() {
        return store.registerVersionUsage();
    }

    void unpin(MVStore.TxCounter pin) {
        store.deregisterVersionUsage(pin);
    }

    /** The number of the last commit completed: every reply with a ticket up to it may go. */
    long completed() {
        return completed;
    }

    /** Commits completed by the committer. */
    long commits() {
        return commits.sum();
    }

    /** Replies released after a commit. */
    long committedReplies() {
        return committedReplies.sum();
    }

    void countReleased(int replies) {
        committedReplies.add(replies);
    }

    private void run() {
        while (true) {
            long ticket;
            synchronized (lock) {
                while (waiters.isEmpty() && !closing) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        closing = true;
                    }
                }
                if (waiters.isEmpty()) {
                    return;
                }
            }
            if (windowNanos > 0) {
                LockSupport.parkNanos(windowNanos);
            }
            synchronized (lock) {
                ticket = ++begun;
            }
            if (!commit()) {
                // The store is closed or failing: nothing waiting can be made durable. Its replies are
                // never sent; their connections close with the server.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                if (!store.isClosed()) {
                    continue;
                }
                return;
            }
            List<Runnable> ready = new ArrayList<>();
            synchronized (lock) {
                completed = ticket;
                while (!waiters.isEmpty() && waiters.peek().ticket() <= ticket) {
                    ready.add(waiters.poll().onCommitted());
                }
            }
            commits.increment();
            for (Runnable r : ready) {
                r.run();
            }
            forceIfDue();
        }
    }

    /** One commit, written (and forced, as the mode asks) before it returns; false if it failed. */
    private boolean commit() {
        try {
            store.commit();
            FileStore<?> file = store.getFileStore();
            if (file != null) {
                if (durability == Durability.FSYNC) {
                    force(file);
                } else {
                    file.executeFileStoreOperation(() -> {});
                }
            }
            return true;
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                LOG.errorf(e, "Group commit of the embedded store failed; replies wait for the next one");
            }
            return false;
        }
    }

    /**
     * With {@link Durability#COMMIT}, forces the file once {@link #FORCE_INTERVAL} has passed since the last
     * force, after the replies of the commit before it were released: they wait for their commit only (written
     * to the operating system), and a force now and then takes the disk here 75-110 ms (JFR), which they would
     * all have waited for. Writes that arrive meanwhile wait for it, as for any commit in progress.
     */
    private void forceIfDue() {
        FileStore<?> file = store.getFileStore();
        if (file == null
                || durability != Durability.COMMIT
                || System.nanoTime() - lastForceNanos < FORCE_INTERVAL.toNanos()) {
            return;
        }
        try {
            force(file);
        } catch (RuntimeException e) {
            if (!store.isClosed()) {
                LOG.errorf(e, "Forcing the embedded store's file failed; the next commit tries again");
            }
        }
    }

    /** Forces the file; every version up to the current one is on the disk, and so pinned, once it returns. */
    private void force(FileStore<?> file) {
        long now = System.nanoTime();
        MVStore.TxCounter pin = store.registerVersionUsage();
        try {
            file.executeFileStoreOperation(file::sync);
        } catch (RuntimeException e) {
            store.deregisterVersionUsage(pin);
            throw e;
        }
        store.deregisterVersionUsage(forcedPin);
        forcedPin = pin;
        lastForceNanos = now;
    }

    /** Commits what waits, then stops the committer. The store is closed after this. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            committer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The store's close expects no version in use (and compacts what the pin kept).
        if (forcedPin != null && !committer.isAlive()) {
            store.deregisterVersionUsage(forcedPin);
            forcedPin = null;
        }
    }
}
