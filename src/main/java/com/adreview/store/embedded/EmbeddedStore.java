package com.adreview.store.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.jboss.logging.Logger;

/**
 * An in-process MongoDB (wire protocol, {@code mongo-java-server}) so the engine runs with nothing
 * but Java. With a data directory it keeps its data in an H2 MVStore file across restarts; without
 * one it lives in memory (tests). Production uses a real replica set instead.
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

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;
    private boolean closed;

    private EmbeddedStore(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        this.server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /**
     * Starts a file-backed store under {@code dataDirectory}, listening on loopback. A data directory
     * of an earlier release (Java-serialised documents) is carried over into the BSON file first.
     */
    public static EmbeddedStore startFile(Path dataDirectory, String host, int port) {
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
        EmbeddedStore store = new EmbeddedStore(new BsonH2Backend(mvStore), host, port);
        LOG.infof("Embedded store on %s, data in %s", store.connectionString(), file.toAbsolutePath());
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
     * The MVStore of a store file. A short auto-commit delay bounds what a hard kill can lose; a clean
     * stop loses nothing. The buffer (KB) only makes commits come sooner under heavy writing: at 1 MB a
     * suspension sweep committed, and rewrote the pages it touched, several times a second.
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
        return new EmbeddedStore(backend, "127.0.0.1", 0);
    }

    /**
     * Starts an in-memory store on a free loopback port; nothing survives it. It is the backend the
     * one-command run ships (BSON documents in H2 MVStore maps, its indexes and scans), on a store
     * kept in memory: what the tests run on is what the jar runs on, short of the file.
     */
    public static EmbeddedStore startInMemory() {
        return new EmbeddedStore(new BsonH2Backend(new MVStore.Builder().open()), "127.0.0.1", 0);
    }

    /**
     * Starts mongo-java-server's own memory backend: the reference the shipped backend is compared
     * with (BsonH2BackendTest), not a store to run on.
     */
    public static EmbeddedStore startReference() {
        return new EmbeddedStore(new MemoryBackend(), "127.0.0.1", 0);
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
