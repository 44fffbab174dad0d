package com.adreview.coordination;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.jboss.logging.Logger;

/**
 * Leases in the store itself, so that instances sharing it do each piece of background work once:
 * taken by inserting the lease under its unique name, or by one guarded update once it has run out;
 * renewed and released only by their owner. No second coordination system, no in-memory singleton.
 */
@ApplicationScoped
public class LeaseService implements PanacheMongoRepositoryBase<LeaseDocument, String> {

    private static final Logger LOG = Logger.getLogger(LeaseService.class);

    private final InstanceIdentity instance;
    private final CoordinationConfig config;
    private final Clock clock;

    public LeaseService(InstanceIdentity instance, CoordinationConfig config, Clock clock) {
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    /** Takes the lease, or renews it if this instance holds it; false while another instance holds it. */
    public boolean acquire(String name) {
        return acquire(name, config.leaseTtl());
    }

    /**
     * Like {@link #acquire(String)}, for a lease of its own length: work that renews often can hold a
     * short one, so that when its instance dies the others wait less.
     */
    public boolean acquire(String name, Duration ttl) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        long taken = mongoCollection()
                .updateOne(
                        and(eq("_id", name), or(eq("owner", instance.id()), lte("expiresAt", Date.from(now)))),
                        Updates.combine(
                                Updates.set("owner", instance.id()),
                                Updates.set("expiresAt", until),
                                Updates.set("acquiredAt", now)))
                .getMatchedCount();
        if (taken == 1) {
            return true;
        }
        LeaseDocument lease = new LeaseDocument();
        lease.name = name;
        lease.owner = instance.id();
        lease.expiresAt = until;
        lease.acquiredAt = now;
        try {
            persist(lease);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // held by another instance, and not run out
            }
            throw e;
        }
    }

    /** Extends a lease this instance holds; false if it was lost (ran out and was taken). */
    public boolean renew(String name) {
        return renew(name, config.leaseTtl());
    }

    /** Extends a lease this instance holds by the given length; false if it was lost. */
    public boolean renew(String name, Duration ttl) {
        Instant until = clock.instant().plus(ttl);
        return mongoCollection()
                        .updateOne(and(eq("_id", name), eq("owner", instance.id())), Updates.set("expiresAt", until))
                        // Matched, not modified: a renewal within the same millisecond changes nothing, and holds.
                        .getMatchedCount()
                == 1;
    }

    /** Gives the lease back, if this instance holds it, so another instance can take the work at once. */
    public void release(String name) {
        mongoCollection().deleteOne(and(eq("_id", name), eq("owner", instance.id())));
    }

    /** Who holds the lease now, if anyone whose lease has not run out. */
    public java.util.Optional<String> holder(String name) {
        LeaseDocument lease = findById(name);
        return lease == null || !lease.expiresAt.isAfter(clock.instant())
                ? java.util.Optional.empty()
                : java.util.Optional.of(lease.owner);
    }

    /** After the background loops stopped, before the store closes: what this instance held is free at once. */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 10) ShutdownEvent event) {
        try {
            long released =
                    mongoCollection().deleteMany(eq("owner", instance.id())).getDeletedCount();
            if (released > 0) {
                LOG.infof("Released %d lease(s) of %s", released, instance.id());
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not release the leases of %s (they run out by themselves): %s",
                    instance.id(), e.getMessage());
        }
    }
}
