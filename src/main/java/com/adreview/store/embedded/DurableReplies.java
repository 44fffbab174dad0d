package com.adreview.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.h2.mvstore.MVStore;

/**
 * Holds the replies of one connection of the embedded store until what they acknowledge is durable, so
 * that "acknowledged" means "survives a kill" (issue 16). It sits in the wire server's pipeline between
 * the protocol decoder and mongo-java-server's command handler ({@link WireServer}), which executes a
 * command and writes its reply synchronously, inside the read of the request: so the reply that passes
 * through {@link #write} is the reply to the request that {@link #channelRead} is passing on, and the
 * command has finished in the store when it arrives.
 *
 * <p>Held: the reply to every command that may change the store (insert, update, delete, findAndModify,
 * createIndexes, drop… — anything not known to be a read), unless its write concern says {@code j: false}
 * (a write whose request makes it durable by a later write, {@code com.adreview.store.CoveredWrites}), and the reply to a read with read concern
 * {@code majority}: a read sees writes whose own replies are still held, and a client must not be handed
 * what a kill could take back (a feed position, an audit entry). A held reply waits for a commit that
 * began after its command finished ({@link GroupCommit#afterNextCommit}); then it is written.
 *
 * <p>No thread waits: the committer only schedules the release on the connection's event loop, where
 * every field here is read and written. Replies leave in the order their requests came: a reply that
 * need not wait still queues behind held ones. (The MongoDB driver sends one request at a time on a
 * connection anyway.)
 *
 * <p>Each command also pins the store's version while it runs ({@link GroupCommit#pinVersion}), so that
 * the shorter chunk retention ({@link GroupCommit}) never frees a chunk a running query may read.
 */
final class DurableReplies extends ChannelDuplexHandler {

    /** Commands that never change the store; any other command's reply waits for a commit. */
    private static final Set<String> READS = Set.of(
            "find",
            "getmore",
            "count",
            "distinct",
            "aggregate",
            "listcollections",
            "listindexes",
            "listdatabases",
            "hello",
            "ismaster",
            "ping",
            "buildinfo",
            "getparameter",
            "serverstatus",
            "dbstats",
            "collstats",
            "endsessions",
            "killcursors",
            "whatsmyuri",
            "getcmdlineopts",
            "hostinfo",
            "connectionstatus",
            "explain",
            "getlog",
            "getfreemonitoringstatus");

    private record Reply(Object message, ChannelPromise promise, long ticket) {}

    private final GroupCommit commits;
    private final ArrayDeque<Reply> queue = new ArrayDeque<>();
    /** Whether the reply being written is to a request that must wait for a commit. */
    private boolean holdCurrent;

    private ChannelHandlerContext context;

    DurableReplies(GroupCommit commits) {
        this.commits = commits;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        holdCurrent = msg instanceof MongoMessage m && mustWait(m.getDocument());
        MVStore.TxCounter pin = commits.pinVersion();
        try {
            ctx.fireChannelRead(msg);
        } finally {
            commits.unpin(pin);
            holdCurrent = false;
        }
    }

    /** Whether the reply to this command must wait for a commit. */
    static boolean mustWait(Document command) {
        if (command.isEmpty()) {
            return false;
        }
        String name = command.keySet().iterator().next().toLowerCase(Locale.ROOT);
        if (!READS.contains(name)) {
            // A write a later durable write of the same request covers (com.adreview.store.CoveredWrites):
            // that write's commit holds this one, so this reply need not wait for a commit of its own.
            return !(command.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j")));
        }
        if (name.equals("aggregate") && writesOut(command.get("pipeline"))) {
            return true;
        }
        return command.get("readConcern") instanceof Document concern && "majority".equals(concern.get("level"));
    }

    private static boolean writesOut(Object pipeline) {
        if (pipeline instanceof List<?> stages) {
            for (Object stage : stages) {
                if (stage instanceof Document d && (d.containsKey("$out") || d.containsKey("$merge"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (holdCurrent) {
            holdCurrent = false; // one reply per request
            long ticket = commits.afterNextCommit(this::scheduleRelease);
            queue.add(new Reply(msg, promise, ticket));
        } else if (!queue.isEmpty()) {
            queue.add(new Reply(msg, promise, 0));
        } else {
            ctx.write(msg, promise);
        }
    }

    /** Called by the committer: hands the release to this connection's event loop. */
    private void scheduleRelease() {
        ChannelHandlerContext ctx = context;
        ctx.executor().execute(() -> release(ctx));
    }

    /** Writes, in order, every queued reply whose commit has completed. */
    private void release(ChannelHandlerContext ctx) {
        long completed = commits.completed();
        int released = 0;
        while (!queue.isEmpty() && queue.peek().ticket() <= completed) {
            Reply r = queue.poll();
            ctx.write(r.message(), r.promise());
            if (r.ticket() > 0) {
                released++;
            }
        }
        if (released > 0) {
            commits.countReleased(released);
        }
        ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        // Replies never sent are not acknowledgements: the client sees the connection drop.
        queue.clear();
        super.channelInactive(ctx);
    }
}
