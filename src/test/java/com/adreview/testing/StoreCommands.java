package com.adreview.testing;

import com.adreview.api.HttpEdge;
import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Counts the store commands (round trips) each HTTP request makes, through the MongoDB driver's
 * command listener, which Quarkus installs on its client because this is a {@link CommandListener}
 * bean.
 *
 * <p>A request is counted only when it carries the {@value #HEADER} header: its value labels the
 * request's commands. The label is kept in the request's Vert.x (duplicated) context, which Quarkus
 * carries to the worker threads that run the request's blocking parts (the resource, the API key
 * lookup), and the synchronous driver tells the listener of a command on the thread that sends it.
 * So the background loops (outbox relay, webhook deliverer, checkpoints, sweeps, leases), which run
 * outside any request's context (on the same worker pool), are never counted, however busy they are:
 * a label's count depends on the request alone, not on timing. A command a request had made outside
 * its context (handing work to a plain executor) would be missed: none does today; every command
 * outside a request context comes from start-up or a background loop. One made in a request context
 * that lost its label is counted in {@link #unlabelledInRequests()}.
 */
@ApplicationScoped
public class StoreCommands implements CommandListener {

    /** The request header whose value labels the request's commands. */
    public static final String HEADER = "X-Test-Store-Commands";

    private static final String LOCAL = StoreCommands.class.getName();

    private final AtomicLong total = new AtomicLong();
    private final AtomicLong unlabelled = new AtomicLong();
    private final Map<String, List<Command>> byLabel = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byThread = new ConcurrentHashMap<>();

    /** One command: its name ({@code find}, {@code insert}, …) and the collection it is on, if any. */
    /**
     * One command: its name, its collection, and whether it was sent as a write a later durable write of
     * its request covers ({@code j: false}, {@code com.adreview.store.CoveredWrites}), whose reply waits
     * for no commit of its own.
     */
    public record Command(String name, String collection, boolean covered) {

        private static final java.util.Set<String> READS =
                java.util.Set.of("find", "getMore", "aggregate", "count", "distinct", "listIndexes", "hello");

        public Command(String name, String collection) {
            this(name, collection, false);
        }

        /** Whether the store holds this command's reply until a commit holds its write. */
        public boolean waitsForCommit() {
            return !covered && !READS.contains(name);
        }

        @Override
        public String toString() {
            String text = collection == null ? name : name + " " + collection;
            return covered ? text + " (covered)" : text;
        }
    }

    /** Ahead of every other route (the HTTP edge's included), so that the whole request is labelled. */
    void install(@Observes Router router) {
        router.route().order(HttpEdge.ORDER - 1).handler(rc -> {
            String label = rc.request().getHeader(HEADER);
            Context context = Vertx.currentContext();
            if (label != null && context != null && VertxContext.isDuplicatedContext(context)) {
                context.putLocal(LOCAL, label);
            }
            rc.next();
        });
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        total.incrementAndGet();
        byThread.computeIfAbsent(Thread.currentThread().getName(), t -> new AtomicLong())
                .incrementAndGet();
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            return; // outside any request: start-up, a background loop
        }
        if (context.getLocal(LOCAL) instanceof String label) {
            byLabel.computeIfAbsent(label, l -> Collections.synchronizedList(new ArrayList<>()))
                    .add(new Command(event.getCommandName(), collectionOf(event), covered(event)));
        } else {
            unlabelled.incrementAndGet();
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {}

    @Override
    public void commandFailed(CommandFailedEvent event) {}

    /** Every command of the application's client since it started, from any thread, counted or not. */
    public long total() {
        return total.get();
    }

    /** Every command sent from threads of this name since the application started (a background worker's). */
    public long onThread(String name) {
        AtomicLong count = byThread.get(name);
        return count == null ? 0 : count.get();
    }

    /**
     * Commands made inside some request that carried no label: while every request is labelled, any
     * would be a request's work that lost its label on the way (and would go uncounted).
     */
    public long unlabelledInRequests() {
        return unlabelled.get();
    }

    /** The commands of the requests labelled so, in the order they were sent. */
    public List<Command> of(String label) {
        List<Command> commands = byLabel.get(label);
        if (commands == null) {
            return List.of();
        }
        synchronized (commands) {
            return List.copyOf(commands);
        }
    }

    /**
     * The collection a command is on: the value of its first field (the command name) for the CRUD
     * commands, {@code collection} for {@code getMore}; none for the others.
     */
    private static boolean covered(CommandStartedEvent event) {
        BsonValue concern = event.getCommand().get("writeConcern");
        if (concern == null || !concern.isDocument()) {
            return false;
        }
        BsonValue journal = concern.asDocument().get("j");
        return journal != null && journal.isBoolean() && !journal.asBoolean().getValue();
    }

    private static String collectionOf(CommandStartedEvent event) {
        BsonDocument command = event.getCommand();
        if (event.getCommandName().equals("getMore")) {
            BsonValue collection = command.get("collection");
            return collection != null && collection.isString()
                    ? collection.asString().getValue()
                    : null;
        }
        BsonValue value = command.get(event.getCommandName());
        return value != null && value.isString() ? value.asString().getValue() : null;
    }
}
