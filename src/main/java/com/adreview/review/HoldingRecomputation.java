package com.adreview.review;

import com.adreview.coordination.LeaseService;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.Outcome;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.adreview.identity.Entity;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.policy.PolicyService;
import com.adreview.submission.DecisionContextService;
import com.adreview.submission.Submission;
import com.adreview.submission.SubmissionService;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Data stored before identifiers were held was joined into entities by a closure over submissions,
 * which let one account merge itself with another's record. At start-up, once, the holdings are
 * recomputed from that data — each identifier held by the first account that named it, at the time it
 * did — and every live or waiting ad that names an identifier another account holds gets an identity
 * conflict case. Nothing is pulled or reinstated by this: a reviewer settles each case, and the next
 * complaint or submission is decided on the recomputed entities. The service is not ready meanwhile.
 */
@ApplicationScoped
@Readiness
public class HoldingRecomputation implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(HoldingRecomputation.class);
    private static final String LEASE = "identity-holdings-recomputation";
    private static final Duration LEASE_TTL = Duration.ofMinutes(10);

    private final SubmissionService submissions;
    private final IdentityService identities;
    private final DecisionContextService contexts;
    private final PolicyService policy;
    private final ReviewIntake intake;
    private final ReviewStore cases;
    private final LeaseService leases;
    private final Clock clock;
    private volatile boolean done;

    public HoldingRecomputation(
            SubmissionService submissions,
            IdentityService identities,
            DecisionContextService contexts,
            PolicyService policy,
            ReviewIntake intake,
            ReviewStore cases,
            LeaseService leases,
            Clock clock) {
        this.submissions = submissions;
        this.identities = identities;
        this.contexts = contexts;
        this.policy = policy;
        this.intake = intake;
        this.cases = cases;
        this.leases = leases;
        this.clock = clock;
    }

    /** After the stores' indexes and the pack are there; before the service is ready. */
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(LEASE_TTL);
        while (!identities.recomputed()) {
            if (leases.acquire(LEASE, LEASE_TTL)) {
                try {
                    recompute();
                } finally {
                    leases.release(LEASE);
                }
            } else if (Instant.now().isAfter(deadline)) {
                LOG.warn("Another instance has been recomputing identifier holdings for too long; serving anyway");
                break;
            } else {
                Thread.sleep(500); // another instance is at it
            }
            if (!identities.recomputed() && policy.current().isEmpty()) {
                break; // no pack to decide conflicts with: done at a start with a valid pack
            }
        }
        done = true;
    }

    /** Holdings first (every identifier's first account), then a case for each live or waiting conflict. */
    void recompute() {
        Map<Identifier, Map.Entry<String, Instant>> first = new HashMap<>();
        long[] scanned = {0};
        submissions.forEachOldestFirst(s -> {
            scanned[0]++;
            AdPackage ad = s.ad();
            if (ad.advertiser() == null) {
                return;
            }
            for (Identifier id : Identifier.namedBy(ad)) {
                first.putIfAbsent(id, new AbstractMap.SimpleEntry<>(s.accountId(), s.receivedAt()));
            }
        });
        identities.recompute(first);
        if (policy.current().isEmpty()) {
            LOG.warnf(
                    "Recomputed the holders of %d identifiers from %d submissions; conflicts are looked for once a"
                            + " valid policy pack is loaded",
                    first.size(), scanned[0]);
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long[] opened = {0};
        Map<String, Entity> entities = new HashMap<>();
        Map<Identifier, String> holders = new HashMap<>();
        submissions.forEachLiveOrWaiting(s -> {
            if (openConflictCase(s, now, entities, holders)) {
                opened[0]++;
            }
        });
        identities.markRecomputed(new Document("identifiers", first.size())
                .append("submissions", scanned[0])
                .append("conflictCases", opened[0]));
        LOG.infof(
                "Recomputed the holders of %d identifiers from %d submissions; %d identity conflict case(s) opened",
                first.size(), scanned[0], opened[0]);
    }

    /**
     * Opens an identity conflict case on a live or waiting ad naming identifiers another account holds.
     * An open case a reviewer has not taken gives way to it (the conflict comes first); one being worked
     * on is left alone.
     */
    private boolean openConflictCase(
            Submission s, Instant now, Map<String, Entity> entities, Map<Identifier, String> holders) {
        AdPackage ad = s.ad();
        Set<Identifier> named = Identifier.namedBy(ad);
        Set<Identifier> unknown = new HashSet<>(named);
        unknown.removeAll(holders.keySet());
        if (!unknown.isEmpty()) {
            holders.putAll(identities.holdersOf(unknown));
        }
        // Many ads, few accounts: each account's entity and each identifier's holder is looked up once.
        Entity entity = entities.computeIfAbsent(s.accountId(), identities::entityOf);
        List<IdentityConflict> conflicts = entity.conflicts(named, holders);
        if (conflicts.isEmpty()) {
            return false;
        }
        EvaluationContext context =
                contexts.forEntity(entity, now).withConflicts(conflicts).withVerdictAt(s.verdictAt());
        Decision decision = policy.redecide(ad, context, s.status());
        List<Finding> escalated = decision.findings().stream()
                .filter(f -> f.outcome() == Outcome.ESCALATE)
                .toList();
        if (escalated.stream().noneMatch(f -> f.topic() == Topic.IDENTITY_CONFLICT)) {
            return false;
        }
        Optional<ReviewCaseDocument> open = cases.openFor(s.id());
        if (open.isPresent()) {
            ReviewCaseDocument c = open.get();
            boolean taken = c.state == ReviewState.CLAIMED && c.leaseExpiresAt != null && c.leaseExpiresAt.isAfter(now);
            if (c.kind == ReviewKind.IDENTITY_CONFLICT || taken) {
                return false;
            }
            intake.closeMoot(
                    c, ReviewOutcome.SUPERSEDED, "an identity conflict was found when holders were recomputed", now);
        }
        ReviewKind kind = s.is(SubmissionStatus.APPROVED) ? ReviewKind.RE_EVALUATION : ReviewKind.INTAKE;
        return intake.openEscalated(kind, s, escalated, conflicts, now).isPresent();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("identity-holdings").status(done).build();
    }
}
