package com.adreview.outbox;

import static com.mongodb.client.model.Filters.exists;

import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Publishes what writes left in their outboxes when their instance died between the write and its
 * publication. One instance at a time does it (a lease in the store), every relay interval.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String LEASE = "outbox-relay";
    private static final int BATCH = 500;

    private final Outbox outbox;
    private final MongoDatabase database;
    private final LeaseService leases;
    private final OutboxConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Set<String> collections = ConcurrentHashMap.newKeySet();
    private final LeasedTask task;

    public OutboxRelay(
            Outbox outbox,
            MongoDatabase database,
            LeaseService leases,
            OutboxConfig config,
            ManagedExecutor executor,
            Clock clock) {
        this.outbox = outbox;
        this.database = database;
        this.leases = leases;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
        this.task = new LeasedTask(
                LEASE, config::relayInterval, () -> relay(clock.instant().minus(config.settle())), leases);
    }

    /** A collection whose writes carry an outbox; its store names it at start-up. */
    public void watch(String collection) {
        if (collections.add(collection)) {
            database.getCollection(collection)
                    .createIndex(
                            Indexes.ascending(Outbox.FIELD + ".key"),
                            new IndexOptions().sparse(true).name("unpublished"));
        }
    }

    void onStart(@Observes StartupEvent event) {
        task.start(executor);
    }

    void onStop(@Observes ShutdownEvent event) {
        task.stop();
    }

    /**
     * Publishes every outbox item written before {@code settledBefore}.
     *
     * @return how many it published
     */
    public int relay(Instant settledBefore) {
        int published = 0;
        for (String collection : collections) {
            List<Outbox.Pending> pending = new ArrayList<>();
            for (Document doc : database.getCollection(collection)
                    // On the field of the sparse index "unpublished", so that the index answers it: only the
                    // documents with an item left are read (on MongoDB as on the embedded store), not the
                    // whole collection every interval.
                    .find(exists(Outbox.FIELD + ".key"))
                    .projection(Projections.include(Outbox.FIELD))
                    .batchSize(BATCH)) {
                for (Document item : doc.getList(Outbox.FIELD, Document.class)) {
                    Publication p = Publication.fromDocument(item);
                    if (p.audit().at().isBefore(settledBefore)) {
                        pending.add(new Outbox.Pending(doc.get("_id"), p));
                    }
                }
                if (pending.size() >= BATCH) {
                    published += flush(collection, pending);
                }
            }
            published += flush(collection, pending);
        }
        return published;
    }

    private int flush(String collection, List<Outbox.Pending> pending) {
        int n = pending.size();
        if (n > 0) {
            LOG.infof("Publishing %d change(s) left unpublished in %s", n, collection);
            outbox.publishAll(collection, List.copyOf(pending));
            pending.clear();
        }
        return n;
    }
}
