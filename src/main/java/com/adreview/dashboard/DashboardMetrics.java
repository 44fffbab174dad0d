package com.adreview.dashboard;

import com.adreview.surge.AlertService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The dashboard's gauges for Prometheus: the review queue's depth and its overdue cases (per kind), and
 * the open complaint-surge alerts; each read from the store when scraped.
 */
@ApplicationScoped
public class DashboardMetrics {

    private final DashboardService dashboard;
    private final AlertService alerts;
    private final MeterRegistry registry;

    public DashboardMetrics(DashboardService dashboard, AlertService alerts, MeterRegistry registry) {
        this.dashboard = dashboard;
        this.alerts = alerts;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        for (com.adreview.review.ReviewKind kind : com.adreview.review.ReviewKind.values()) {
            Gauge.builder("adreview.review.queue.depth", dashboard, d -> waiting(d, kind.name(), false))
                    .description("Review cases not yet decided (open or claimed)")
                    .tag("kind", kind.name())
                    .register(registry);
            Gauge.builder("adreview.review.overdue", dashboard, d -> waiting(d, kind.name(), true))
                    .description("Review cases not yet decided and past their due time")
                    .tag("kind", kind.name())
                    .register(registry);
        }
        Gauge.builder("adreview.surge.alerts.open", alerts, AlertService::openCount)
                .description("Complaint-surge alerts not yet acknowledged")
                .register(registry);
    }

    private static double waiting(DashboardService d, String kind, boolean overdue) {
        return d.queue().stream()
                .filter(r -> r.kind().equals(kind))
                .mapToInt(r -> overdue ? r.overdue() : r.waiting())
                .sum();
    }
}
