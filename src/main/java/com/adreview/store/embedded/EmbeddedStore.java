package com.adreview.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * An in-process MongoDB (wire protocol, {@code mongo-java-server}) so the engine runs with nothing
 * but Java. With a data directory it keeps its data in an H2 MVStore file across restarts; without
 * one it lives in memory (tests). Production uses a real replica set instead.
 *
 * <p>A write is acknowledged when it is as durable as {@link Durability} says: by default only once the
 * commit that holds it is in the file ({@link GroupCommit}, {@link DurableReplies}). The in-memory store
 * runs the same way (its commits cost next to nothing), so the tests run what the jar runs.
 */
public final class EmbeddedStore implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedStore.class);
    /** The store's file, {@code adreview-bson.mv.db}: documents as BSON ({@link BsonH2Backend}). */
    public static final String FILE_NAME = "adreview-bson.mv";

    /** The file of releases before the BSON format, carried over once and then kept as a backup. */
    static final String LEGACY_FILE_NAME = "adreview.mv";

    /** The store this process started, if any; closed on shutdown after the application stops. */
    private static volatile EmbeddedStore running;

    /**
     * How long the JVM's shutdown hook waits for the application to stop (and close the store) before
     * closing it anyway: more than the pre-shutdown delay, request timeout and background grace.
     */
    private static final long APPLICATION_STOP_WAIT_SECONDS = 60;

    private static volatile boolean applicationStarted;
    private final CountDownLatch closedLatch = new CountDownLatch(1);

    private final WireServer server;
    private final MongoBackend backend;
    private final GroupCommit commits;
    private final InetSocketAddress address;
    private boolean closed;

    /**
     * @param commits what replies wait for; null answers at once
     */
    private EmbeddedStore(MongoBackend backend, GroupCommit commits, String host, int port) {
        this.backend = backend;
        this.commits = commits;
        this.server = new WireServer(backend, commits, host, port);
        this.address = server.address();
    }

    private static EmbeddedStore on(MVStore mvStore, Durability durability, Duration window, String host, int port) {
        BsonH2Backend backend = new BsonH2Backend(mvStore);
        GroupCommit commits = durability.holdsReplies() ? new GroupCommit(mvStore, durability, window) : null;
        return new EmbeddedStore(backend, commits, host, port);
    }

    /**
     * Starts a file-backed store under {@code dataDirectory}, listening on loopback, acknowledging writes
     * once committed to the file. A data directory of an earlier release (Java-serialised documents) is
     * carried over into the BSON file first.
     */
    public static EmbeddedStore startFile(Path dataDirectory, String host, int port) {
        return startFile(dataDirectory, host, port, Durability.COMMIT, Duration.ZERO);
    }

    /**
     * As {@link #startFile(Path, String, int)}, acknowledging writes as {@code durability} says, the
     * committer waiting {@code commitWindow} for more writes to join a commit.
     */
    public static EmbeddedStore startFile(
            Path dataDirectory, String host, int port, Durability durability, Duration commitWindow) {
        try {
            Files.createDirectories(dataDirectory);
            ownerOnly(dataDirectory, "rwx------");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDirectory.toAbsolutePath(), e);
        }
        Path file = dataDirectory.resolve(FILE_NAME + ".db");
        LegacyStoreMigration.migrateIfNeeded(dataDirectory.resolve(LEGACY_FILE_NAME + ".db"), file);
        MVStore mvStore = openFile(file);
        try (var files = Files.list(dataDirectory)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                ownerOnly(f, "rw-------");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict the files of " + dataDirectory.toAbsolutePath(), e);
        }
        EmbeddedStore store = on(mvStore, durability, commitWindow, host, port);
        LOG.infof(
                "Embedded store on %s, data in %s, writes acknowledged %s",
                store.connectionString(),
                file.toAbsolutePath(),
                switch (durability) {
                    case COMMIT -> "once committed to the file";
                    case FSYNC -> "once committed and forced to the disk";
                    case DELAYED -> "at once, written within 200 ms (a hard kill loses those)";
                });
        return store.register();
    }

    /**
     * Only the service's own user may read or change the store's files (other local users could mint
     * API keys by writing them). Where the file system has no POSIX permissions, nothing is changed.
     */
    private static void ownerOnly(Path path, String permissions) throws IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    /**
     * The MVStore of a store file. Its background auto-commit (200 ms) commits what no reply waits for
     * and keeps the file compact; with {@link Durability#DELAYED} it is the only committer, and bounds
     * what a hard kill can lose. A clean stop loses nothing. The buffer (KB) only makes commits come
     * sooner under heavy writing: at 1 MB a suspension sweep committed, and rewrote the pages it touched,
     * several times a second.
     */
    static MVStore openFile(Path file) {
        MVStore mvStore = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitBufferSize(8 * 1024)
                .open();
        mvStore.setAutoCommitDelay(200);
        return mvStore;
    }

    /** Starts a store on an already open backend, on a free loopback port, not registered for shutdown. */
    static EmbeddedStore startOn(MongoBackend backend) {
        return new EmbeddedStore(backend, null, "127.0.0.1", 0);
    }

    /** Starts a store on an open MVStore, on a free loopback port, not registered for shutdown. */
    static EmbeddedStore startOn(MVStore mvStore, Durability durability, Duration commitWindow) {
        return on(mvStore, durability, commitWindow, "127.0.0.1", 0);
    }

    /**
     * Starts an in-memory store on a free loopback port; nothing survives it. It is the backend the
     * one-command run ships (BSON documents in H2 MVStore maps, its indexes and scans), on a store
     * kept in memory: what the tests run on is what the jar runs on, short of the file.
     */
    public static EmbeddedStore startInMemory() {
        return on(new MVStore.Builder().open(), Durability.COMMIT, Duration.ZERO, "127.0.0.1", 0);
    }

    /**
     * Starts mongo-java-server's own memory backend: the reference the shipped backend is compared
     * with (BsonH2BackendTest), not a store to run on.
     */
    public static EmbeddedStore startReference() {
        return new EmbeddedStore(new MemoryBackend(), null, "127.0.0.1", 0);
    }

    /** Commits made for waiting replies, and replies released after them (0 when replies do not wait). */
    /** Queries and aggregations that read a whole collection (0 for the reference backend, which does not tell). */
    public long fullScans() {
        return backend instanceof BsonH2Backend b ? b.fullScans() : 0;
    }

    public long commits() {
        return commits == null ? 0 : commits.commits();
    }

    public long committedReplies() {
        return commits == null ? 0 : commits.committedReplies();
    }

    /** The store this process started and registered for shutdown, if any. */
    public static java.util.Optional<EmbeddedStore> running() {
        return java.util.Optional.ofNullable(running);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** The application has started: from now on it closes the store when it stops. */
    public static void applicationStarted() {
        applicationStarted = true;
    }

    /** Closes the store this process registered, if any (idempotent). */
    public static void closeRunning() {
        EmbeddedStore store = running;
        if (store != null) {
            store.close();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        // Replies still waiting get their commit before the connections close; the backend's close
        // then commits whatever is left.
        server.stopListening();
        if (commits != null) {
            commits.close();
        }
        server.shutdown();
        backend.close();
        closedLatch.countDown();
        LOG.info("Embedded store closed");
    }

    private EmbeddedStore register() {
        running = this;
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAtExit, "embedded-store-close"));
        return this;
    }

    /**
     * JVM shutdown hooks run all at once, Quarkus' own among them: closing here straight away would pull
     * the store from under requests still finishing and background work still stopping. A started
     * application closes the store itself once stopped (EmbeddedStoreShutdown); this hook only waits for
     * that, and closes the store when the application never started or does not stop in time.
     */
    private void closeAtExit() {
        if (applicationStarted) {
            try {
                closedLatch.await(APPLICATION_STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }
}
