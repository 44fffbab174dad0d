package com.adreview.simulation;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.engine.Category;
import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.adreview.policy.PolicyService;
import com.adreview.store.DocumentMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Simulations of a candidate pack: asked for with the candidate's archive, run in the background by
 * {@link SimulationRunner}, read with their counts and affected ads, cancelled. Asking and cancelling
 * are in the audit trail (who, which candidate against which pack); nothing else a simulation does
 * changes any ad, case, feed entry or trail entry.
 */
@ApplicationScoped
public class SimulationService {

    private final SimulationStore simulations;
    private final SimulationAdStore ads;
    private final CandidatePacks candidates;
    private final PolicyService policy;
    private final Outbox outbox;
    private final Event<SimulationQueued> queued;
    private final SimulationConfig config;
    private final DocumentMapper documents;
    private final Clock clock;

    SimulationService(
            SimulationStore simulations,
            SimulationAdStore ads,
            CandidatePacks candidates,
            PolicyService policy,
            Outbox outbox,
            Event<SimulationQueued> queued,
            SimulationConfig config,
            DocumentMapper documents,
            Clock clock) {
        this.simulations = simulations;
        this.ads = ads;
        this.candidates = candidates;
        this.policy = policy;
        this.outbox = outbox;
        this.queued = queued;
        this.config = config;
        this.documents = documents;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event, OutboxRelay relay) {
        relay.watch(SimulationStore.COLLECTION);
    }

    /**
     * Validates the candidate (422 naming each problem's file and line) and queues its simulation against
     * the pack in force (503 when none is).
     *
     * @param recentDays days of past submissions to decide too, 0 to the configured maximum
     */
    public SimulationView simulate(byte[] archive, int recentDays, String actor) {
        if (recentDays < 0 || recentDays > config.maxRecentDays()) {
            throw ProblemException.invalidField(
                    "recentDays", "must be a whole number of days from 0 to " + config.maxRecentDays());
        }
        PolicyPack inForce = policy.current()
                .orElseThrow(() -> ProblemException.unavailable(
                        "No valid policy pack is in force to compare with; see /q/health/ready."));
        Instant now = now();
        PolicyPack candidate = candidates.receive(archive, actor, now);
        SimulationDocument doc = new SimulationDocument();
        doc.id = new ObjectId();
        doc.state = SimulationState.QUEUED;
        doc.createdBy = actor;
        doc.createdAt = now;
        doc.asOf = now;
        doc.candidateVersion = candidate.version();
        doc.candidateName = candidate.name();
        doc.inForceVersion = inForce.version();
        doc.recentDays = recentDays;
        doc.live = new Tally();
        doc.recent = new Tally();
        doc.version = 1;
        Publication asked = Publication.of(new AuditEvent(
                "policy-simulated:" + doc.id.toHexString(),
                now,
                actor,
                AuditAction.POLICY_SIMULATED,
                subject(doc.id),
                null,
                new Document("candidateVersion", candidate.version())
                        .append("candidateName", candidate.name())
                        .append("inForceVersion", inForce.version())
                        .append("recentDays", recentDays),
                null));
        doc.outbox = Outbox.initial(asked);
        simulations.persist(doc);
        outbox.publish(SimulationStore.COLLECTION, doc.id, asked);
        queued.fire(new SimulationQueued(doc.id.toHexString()));
        return view(doc);
    }

    public SimulationView get(String id) {
        return view(find(id));
    }

    /** The newest simulations, newest first. */
    public List<SimulationView> newest(int limit) {
        return simulations.newest(limit).stream().map(this::view).toList();
    }

    /**
     * A page of the simulation's affected ads of the scope, in submission order.
     *
     * @param cursor the last submission id of the previous page, or null
     */
    public AffectedAdView.Page affected(String id, String scope, int limit, String cursor) {
        SimulationDocument doc = find(id);
        String s = scope == null || scope.isBlank()
                ? SimulationBatch.LIVE
                : scope.strip().toUpperCase(java.util.Locale.ROOT);
        if (!s.equals(SimulationBatch.LIVE) && !s.equals(SimulationBatch.RECENT)) {
            throw ProblemException.invalidField("scope", "must be LIVE or RECENT");
        }
        ObjectId after = null;
        if (cursor != null && !cursor.isBlank()) {
            if (!ObjectId.isValid(cursor)) {
                throw ProblemException.invalidField("cursor", "is not a cursor returned by this API");
            }
            after = new ObjectId(cursor);
        }
        List<SimulationAdDocument> rows = ads.page(doc.id, s, after, limit + 1);
        List<SimulationAdDocument> shown = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next =
                rows.size() > limit ? shown.get(shown.size() - 1).submissionId.toHexString() : null;
        return new AffectedAdView.Page(shown.stream().map(this::view).toList(), next);
    }

    /** Stops a queued or running simulation: its counts stay as far as it got. 409 when it had ended. */
    public SimulationView cancel(String id, String actor) {
        SimulationDocument doc = find(id);
        Instant now = now();
        Publication cancelled = Publication.of(new AuditEvent(
                "policy-simulation-cancelled:" + id,
                now,
                actor,
                AuditAction.POLICY_SIMULATION_CANCELLED,
                subject(doc.id),
                new Document("state", doc.state.name()),
                new Document("state", SimulationState.CANCELLED.name()),
                null));
        if (!simulations.cancel(doc.id, actor, now, cancelled)) {
            throw ProblemException.conflict("Simulation " + id + " has already ended (" + find(id).state + ")");
        }
        outbox.publish(SimulationStore.COLLECTION, doc.id, cancelled);
        return view(find(id));
    }

    private SimulationDocument find(String id) {
        return simulations.byId(id).orElseThrow(() -> ProblemException.notFound("No simulation with id " + id));
    }

    private static String subject(ObjectId id) {
        return "policySimulation:" + id.toHexString();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    SimulationView view(SimulationDocument d) {
        int parts = SimulationRunner.parts(d);
        int done = d.state == SimulationState.DONE ? parts : Math.min(d.pass, parts);
        Tally live = d.live == null ? new Tally() : d.live;
        Tally recent = d.recent == null ? new Tally() : d.recent;
        return new SimulationView(
                d.id.toHexString(),
                d.state,
                d.createdBy,
                d.createdAt,
                d.startedAt,
                d.finishedAt,
                new SimulationView.PackRef(d.candidateVersion, d.candidateName),
                new SimulationView.PackRef(d.inForceVersion, null),
                d.asOf,
                d.recentDays,
                new SimulationView.Progress(
                        done, parts, live.decided + recent.decided, live.affected + recent.affected),
                summary(live),
                d.recentDays > 0 ? summary(recent) : null,
                d.cancelledBy,
                d.failure);
    }

    static SimulationView.Summary summary(Tally t) {
        List<SimulationView.TransitionCount> transitions = new ArrayList<>();
        t.transitions.forEach((key, n) -> {
            String[] parts = key.split("→", 2);
            transitions.add(new SimulationView.TransitionCount(
                    SubmissionStatus.valueOf(parts[0]), SubmissionStatus.valueOf(parts[1]), n));
        });
        transitions.sort((a, b) -> Long.compare(b.count(), a.count()));
        List<SimulationView.CategoryCount> categories = new ArrayList<>();
        t.categories.forEach((c, n) -> categories.add(new SimulationView.CategoryCount(Category.valueOf(c), n)));
        return new SimulationView.Summary(
                t.decided,
                t.affected,
                transitions,
                counts(t.topicsAppearing, t.topicsDisappearing),
                counts(t.rulesAppearing, t.rulesDisappearing),
                categories);
    }

    private static List<SimulationView.FindingCount> counts(
            Map<String, Long> appearing, Map<String, Long> disappearing) {
        TreeSet<String> names = new TreeSet<>(appearing.keySet());
        names.addAll(disappearing.keySet());
        return names.stream()
                .map(n -> new SimulationView.FindingCount(
                        n, appearing.getOrDefault(n, 0L), disappearing.getOrDefault(n, 0L)))
                .toList();
    }

    private AffectedAdView view(SimulationAdDocument d) {
        return new AffectedAdView(
                d.submissionId.toHexString(),
                d.adId,
                d.accountId,
                d.revision,
                d.category,
                d.status,
                d.from,
                d.to,
                findings(d.appearing),
                findings(d.disappearing));
    }

    private List<Finding> findings(List<Document> stored) {
        return stored == null
                ? List.of()
                : stored.stream()
                        .map(f -> documents.fromDocument(f, Finding.class))
                        .toList();
    }
}
