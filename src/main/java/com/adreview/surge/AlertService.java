package com.adreview.surge;

import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.engine.Surge;
import com.adreview.engine.SurgePolicy;
import com.adreview.feed.SurgeAlertEntry;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Opens, updates and acknowledges complaint-surge alerts. One subject has at most one open alert: a
 * surge of a subject with an open alert updates its numbers (told nowhere: the alert is the news, not
 * each complaint). Opening and acknowledging are told in the audit trail and the feed (so to webhook
 * subscribers). An acknowledged subject stays quiet for one recent window after the numbers the person
 * saw; a surge past that opens a new alert.
 */
@ApplicationScoped
public class AlertService {

    private static final int ATTEMPTS = 5;

    private final AlertStore store;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final SurgeConfig config;

    public AlertService(AlertStore store, Outbox outbox, OutboxRelay relay, Clock clock, SurgeConfig config) {
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(AlertStore.COLLECTION);
    }

    /** What became of a surge: a new alert, new numbers for the open one, or nothing (acknowledged, or older news). */
    public enum Raised {
        OPENED,
        UPDATED,
        QUIET
    }

    /** Opens an alert for the surge, or updates the subject's open one. */
    public Raised raise(Surge surge, Instant asOf, SurgePolicy policy, String policyVersion) {
        String subjectKey = surge.scope().name() + ":" + surge.subject();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = now();
            Optional<AlertDocument> open = store.openOf(subjectKey);
            AlertDocument numbers = numbers(surge, asOf, policy, policyVersion);
            if (open.isPresent()) {
                if (asOf.isBefore(open.get().asOf)) {
                    return Raised.QUIET; // a late complaint's view of the past: the alert already shows later numbers
                }
                if (store.update(open.get(), numbers, now)) {
                    return Raised.UPDATED;
                }
                continue;
            }
            Optional<AlertDocument> acknowledged = store.lastAcknowledgedOf(subjectKey);
            if (acknowledged.isPresent()) {
                Duration window = Duration.ofDays(policy.recentDays());
                Instant seen = acknowledged.get().asOf;
                if (asOf.isBefore(seen.plus(window)) && !asOf.isBefore(seen.minus(window))) {
                    return Raised.QUIET;
                }
            }
            AlertDocument doc = numbers;
            doc.id = new ObjectId();
            doc.scope = surge.scope().name();
            doc.subject = surge.subject();
            doc.subjectKey = subjectKey;
            doc.openKey = subjectKey;
            doc.state = AlertState.OPEN;
            doc.openedAt = now;
            doc.updatedAt = now;
            doc.version = 0;
            Publication publication = publication(doc, "OPENED", AuditAction.SURGE_ALERT_OPENED, "system", now, null);
            doc.outbox = Outbox.initial(publication);
            if (store.insertOpen(doc)) {
                outbox.publish(AlertStore.COLLECTION, doc.id, publication);
                return Raised.OPENED;
            }
        }
        return Raised.QUIET; // others kept changing it: the next complaint or check updates it
    }

    private AlertDocument numbers(Surge surge, Instant asOf, SurgePolicy policy, String policyVersion) {
        AlertDocument d = new AlertDocument();
        d.asOf = asOf;
        d.recentCount = surge.recentCount();
        d.baselinePerDay = surge.baselinePerDay();
        d.expected = surge.expected();
        d.tailProbability = surge.tailProbability();
        d.entitiesRisingCount = surge.entitiesRising().size();
        d.entitiesRising =
                surge.entitiesRising().stream().limit(config.entitiesNamed()).toList();
        d.trend = surge.trend();
        d.recentDays = policy.recentDays();
        d.baselineDays = policy.baselineDays();
        d.policyVersion = policyVersion;
        return d;
    }

    /** A person has seen the alert: it is no longer open, and its subject stays quiet for a recent window. */
    public AlertView acknowledge(String id, AcknowledgementRequest request, String actor) {
        String note =
                request == null || request.note() == null || request.note().isBlank()
                        ? null
                        : request.note().strip();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AlertDocument read = find(id);
            if (read.state != AlertState.OPEN) {
                throw ProblemException.conflict("Alert " + id + " was acknowledged already, by " + read.acknowledgedBy
                        + " at " + read.acknowledgedAt);
            }
            Instant now = now();
            Publication publication =
                    publication(read, "ACKNOWLEDGED", AuditAction.SURGE_ALERT_ACKNOWLEDGED, actor, now, note);
            if (store.acknowledge(read, actor, now, note, publication)) {
                outbox.publish(AlertStore.COLLECTION, read.id, publication);
                return get(id);
            }
        }
        throw ProblemException.conflict("Alert " + id + " kept changing while it was being acknowledged; try again");
    }

    public AlertView get(String id) {
        return view(find(id));
    }

    private AlertDocument find(String id) {
        return store.byId(id).orElseThrow(() -> ProblemException.notFound("No alert with id " + id));
    }

    /** Alerts newest first, of one state (OPEN, ACKNOWLEDGED) or all. */
    public Page<AlertView> list(String state, PageRequest page) {
        AlertState s =
                state == null || state.isBlank() ? null : QueryParams.enumValue("state", state, AlertState.class);
        return Page.of(store.page(s, page), page, d -> d.openedAt, d -> d.id.toHexString(), AlertService::view);
    }

    /** How many alerts are open: the console's banner and the gauge. */
    public long openCount() {
        return store.countOpen();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Publication publication(
            AlertDocument d, String event, AuditAction action, String actor, Instant at, String note) {
        String subject = "alert:" + d.id.toHexString();
        Document after = new Document("scope", d.scope)
                .append("subject", d.subject)
                .append("state", event.equals("OPENED") ? AlertState.OPEN.name() : AlertState.ACKNOWLEDGED.name())
                .append("asOf", java.util.Date.from(d.asOf))
                .append("recentCount", d.recentCount)
                .append("baselinePerDay", d.baselinePerDay)
                .append("tailProbability", d.tailProbability)
                .append("entitiesRisingCount", d.entitiesRisingCount);
        if (note != null) {
            after.append("note", note);
        }
        Document before = event.equals("OPENED") ? null : new Document("state", AlertState.OPEN.name());
        AuditEvent audit = new AuditEvent(
                subject + ":" + event.toLowerCase(java.util.Locale.ROOT),
                at,
                actor,
                action,
                subject,
                before,
                after,
                d.policyVersion);
        SurgeAlertEntry entry = new SurgeAlertEntry(
                0,
                at,
                d.id.toHexString(),
                event,
                d.scope,
                d.subject,
                d.recentCount,
                d.tailProbability,
                d.entitiesRisingCount);
        return new Publication(audit, null, entry);
    }

    static AlertView view(AlertDocument d) {
        Surge.Scope scope = Surge.Scope.valueOf(d.scope);
        AlertView.Recommendation recommendation = null;
        if (scope == Surge.Scope.CATEGORY) {
            recommendation = new AlertView.Recommendation(
                    "SUSPEND_CATEGORY",
                    d.subject,
                    "/v1/suspensions",
                    d.entitiesRisingCount + " " + d.subject + " entities rising at once, " + d.recentCount
                            + " complaints in " + d.recentDays + " days against "
                            + String.format(java.util.Locale.ROOT, "%.2f", d.baselinePerDay * d.recentDays)
                            + " usual: consider suspending the category (an admin decides).");
        }
        AlertView.Acknowledgement ack = d.acknowledgedAt == null
                ? null
                : new AlertView.Acknowledgement(d.acknowledgedAt, d.acknowledgedBy, d.note);
        return new AlertView(
                d.id.toHexString(),
                scope,
                d.subject,
                d.state,
                d.openedAt,
                d.updatedAt,
                d.asOf,
                new AlertView.Numbers(
                        d.recentCount,
                        d.recentDays,
                        d.baselinePerDay,
                        d.baselineDays,
                        d.expected,
                        d.tailProbability,
                        d.entitiesRisingCount,
                        d.entitiesRising == null ? java.util.List.of() : d.entitiesRising),
                d.trend == null ? java.util.List.of() : d.trend,
                recommendation,
                ack,
                d.policyVersion);
    }
}
