package com.adreview.store.embedded;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The embedded store's group commit in the metrics: {@code adreview_store_commits_total} (commits made
 * for waiting replies) and {@code adreview_store_committed_replies_total} (replies released after one).
 * Their ratio is how many writes a commit served. Both stay 0 on a real MongoDB, or with
 * {@code durability=delayed}. {@code adreview_store_full_scans_total} counts queries that read a whole
 * collection because no index answered them: on a hot path, a cost that grows with the data.
 */
@ApplicationScoped
class EmbeddedStoreMetrics {

    private final MeterRegistry registry;

    EmbeddedStoreMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        FunctionCounter.builder("adreview.store.commits", this, m -> running(EmbeddedStore::commits))
                .description("Commits of the embedded store made for replies waiting on them")
                .register(registry);
        FunctionCounter.builder("adreview.store.committed.replies", this, m -> running(EmbeddedStore::committedReplies))
                .description("Replies of the embedded store released after the commit that holds their write")
                .register(registry);
        FunctionCounter.builder("adreview.store.full.scans", this, m -> running(EmbeddedStore::fullScans))
                .description("Queries of the embedded store that read a whole collection, as no index answered them")
                .register(registry);
    }

    private static double running(java.util.function.ToLongFunction<EmbeddedStore> count) {
        return EmbeddedStore.running().map(count::applyAsLong).orElse(0L);
    }
}
