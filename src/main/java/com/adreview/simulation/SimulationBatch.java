package com.adreview.simulation;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.store.DocumentMapper;
import com.adreview.submission.DecisionContextService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;

/**
 * One step of a simulation: a page of ids read by index, their ads read in one query, every one decided
 * under both packs with the same context, and the affected ones described. Reads only; writes nothing.
 * A live ad is decided as a re-evaluation decides it now (its entity's complaint record, the identifiers
 * others hold, the person's verdict on it); a past submission in the context its intake was decided in.
 */
@ApplicationScoped
class SimulationBatch {

    static final String LIVE = "LIVE";
    static final String RECENT = "RECENT";

    /** The statuses of the ads a simulation decides as they are now: live, and waiting for a reviewer. */
    static final List<SubmissionStatus> LIVE_STATUSES =
            List.of(SubmissionStatus.APPROVED, SubmissionStatus.PENDING_REVIEW);

    /** The live ads are one walk over the submissions in id order. */
    static final int LIVE_PARTS = 1;

    /** The entities a simulation has read, by account, kept between steps up to this many. */
    private static final int ENTITIES_KEPT = 20_000;

    /** What a step found: the ids it covered (the last is where the next starts), its counts and affected ads. */
    record Step(List<ObjectId> ids, Tally tally, List<SimulationAdDocument> affected) {}

    /** The two packs and what every decision of the simulation shares. */
    record Packs(PolicyPack inForce, PolicyPack candidate, Instant asOf, long lookbackDays) {}

    private final SubmissionService submissions;
    private final IdentityService identities;
    private final DecisionContextService contexts;
    private final DocumentMapper documents;
    private final DecisionEngine engine = new DecisionEngine();

    SimulationBatch(
            SubmissionService submissions,
            IdentityService identities,
            DecisionContextService contexts,
            DocumentMapper documents) {
        this.submissions = submissions;
        this.identities = identities;
        this.contexts = contexts;
        this.documents = documents;
    }

    /**
     * The next page of submissions after {@code after}, of which the live and waiting ads (current
     * revisions, approved or pending review) are decided under both packs.
     */
    Step live(ObjectId simulation, ObjectId after, int size, Packs packs, Map<String, Entity> entities) {
        List<Submission> page = submissions.pageById(after, size);
        List<ObjectId> ids = page.stream().map(s -> new ObjectId(s.id())).toList();
        Tally tally = new Tally();
        List<SimulationAdDocument> affected = new ArrayList<>();
        List<Submission> ads = page.stream()
                .filter(s -> s.current() && LIVE_STATUSES.contains(s.status()))
                .toList();
        if (ads.isEmpty()) {
            return new Step(ids, tally, affected);
        }
        if (entities.size() > ENTITIES_KEPT) {
            entities.clear();
        }
        Map<Entity, EvaluationContext> shared = new LinkedHashMap<>();
        Set<Identifier> named = new HashSet<>();
        for (Submission s : ads) {
            shared.putIfAbsent(entities.computeIfAbsent(s.accountId(), identities::entityOf), null);
            named.addAll(Identifier.namedBy(s.ad()));
        }
        List<Entity> distinct = new ArrayList<>(shared.keySet());
        List<EvaluationContext> made = contexts.forEntities(distinct, packs.asOf(), packs.lookbackDays());
        for (int i = 0; i < distinct.size(); i++) {
            shared.put(distinct.get(i), made.get(i));
        }
        Map<Identifier, String> holders = identities.holdersOf(named);
        for (Submission s : ads) {
            Entity entity = entities.get(s.accountId());
            AdPackage ad = s.ad();
            EvaluationContext context = DecisionContextService.forAd(shared.get(entity), entity, ad, holders, s);
            decide(simulation, LIVE, s, s.status(), ad, context, packs, tally, affected);
        }
        return new Step(ids, tally, affected);
    }

    /** The next page of the submissions received in the last days, each in the context of its intake. */
    Step recent(ObjectId simulation, int days, ObjectId after, int size, Packs packs) {
        Instant since = packs.asOf().minusSeconds(days * 86_400L);
        List<ObjectId> ids = submissions.idsReceivedSince(since, after, size);
        Tally tally = new Tally();
        List<SimulationAdDocument> affected = new ArrayList<>();
        for (Submission s : ids.isEmpty() ? List.<Submission>of() : submissions.forReplay(ids)) {
            EvaluationContext context = s.decisionContext();
            if (context == null || s.receivedAt().isAfter(packs.asOf())) {
                continue; // decided before contexts were kept, or after the simulation began
            }
            decide(simulation, RECENT, s, null, s.ad(), context, packs, tally, affected);
        }
        return new Step(ids, tally, affected);
    }

    private void decide(
            ObjectId simulation,
            String scope,
            Submission s,
            SubmissionStatus current,
            AdPackage ad,
            EvaluationContext context,
            Packs packs,
            Tally tally,
            List<SimulationAdDocument> affected) {
        Decision inForce = engine.evaluate(ad, context, packs.inForce());
        Decision candidate = engine.evaluate(ad, context, packs.candidate());
        Comparison c = Comparison.of(s.category(), current, inForce, candidate);
        tally.add(c);
        if (c.affected()) {
            affected.add(document(simulation, scope, s, c));
        }
    }

    private SimulationAdDocument document(ObjectId simulation, String scope, Submission s, Comparison c) {
        SimulationAdDocument d = new SimulationAdDocument();
        d.id = simulation.toHexString() + ":" + scope + ":" + s.id();
        d.simulationId = simulation;
        d.scope = scope;
        d.submissionId = new ObjectId(s.id());
        d.accountId = s.accountId();
        d.adId = s.adId();
        d.revision = s.revision();
        d.category = s.category();
        d.status = s.status();
        d.from = c.from();
        d.to = c.to();
        d.appearing = c.appearing().stream().map(documents::toDocument).toList();
        d.disappearing = c.disappearing().stream().map(documents::toDocument).toList();
        return d;
    }

    static Map<String, Entity> entityCache() {
        return new HashMap<>();
    }
}
