package com.adreview.review;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.identity.Identifier;
import com.adreview.identity.IdentityService;
import com.adreview.policy.PolicyService;
import com.adreview.submission.DecisionContextService;
import com.adreview.submission.Submission;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;

/**
 * What a verdict on an identity conflict does besides changing the submission: "one business" links
 * the claimant with the accounts holding the identifiers, and a waiting submission is decided again
 * with the joined record before the verdict says what becomes of it.
 */
@ApplicationScoped
public class ConflictVerdictService {

    private final IdentityService identities;
    private final DecisionContextService contexts;
    private final PolicyService policy;

    public ConflictVerdictService(IdentityService identities, DecisionContextService contexts, PolicyService policy) {
        this.identities = identities;
        this.contexts = contexts;
        this.policy = policy;
    }

    /**
     * A 400 for a request that does not fit the case: an identity conflict needs {@code sameBusiness}, and
     * only "one business" can approve; any other case takes none.
     */
    static void check(ReviewKind kind, ReviewDecisionRequest request) {
        if (kind != ReviewKind.IDENTITY_CONFLICT) {
            if (request.sameBusiness() != null) {
                throw ProblemException.invalid(
                        ReviewService.INVALID_DECISION,
                        List.of(new FieldError("sameBusiness", "only an IDENTITY_CONFLICT case asks it")));
            }
            return;
        }
        if (request.sameBusiness() == null) {
            throw ProblemException.invalid(
                    ReviewService.INVALID_DECISION,
                    List.of(new FieldError(
                            "sameBusiness",
                            "an IDENTITY_CONFLICT case needs it: true when the accounts are one business (their"
                                    + " records join), false when not (the submission is rejected)")));
        }
        if (!request.sameBusiness() && request.outcome() == ReviewVerdict.APPROVE) {
            throw ProblemException.invalid(
                    ReviewService.INVALID_DECISION,
                    List.of(new FieldError(
                            "outcome",
                            "must be REJECT when the accounts are not one business: an ad may not run on identifiers"
                                    + " another account holds")));
        }
    }

    /**
     * Links the claimant with every account that holds one of the case's identifiers now and is not in
     * its entity yet. Making a link that exists is nothing, so a verdict finished after a crash links once.
     */
    void link(ReviewCaseDocument c, String reviewer, String reason) {
        List<Identifier> ids = new ArrayList<>();
        for (Document d : c.conflicts == null ? List.<Document>of() : c.conflicts) {
            ids.add(new Identifier(IdentifierKind.valueOf(d.getString("kind")), d.getString("identifier")));
        }
        Set<String> holders = new LinkedHashSet<>(identities.holdersOf(ids).values());
        for (String holder : holders) {
            if (!identities.groupOf(c.accountId).contains(holder)) {
                identities.link(c.accountId, holder, reason, "user:" + reviewer, c.id.toHexString());
            }
        }
    }

    /** The submission decided again as its account's entity stands now, and the conflicts it still has. */
    Redecision redecide(Submission s, Instant now) {
        AdPackage ad = s.ad();
        Set<Identifier> named = Identifier.namedBy(ad);
        Map<Identifier, String> holders = identities.holdersOf(named);
        EvaluationContext context = contexts.forPackage(s.accountId(), named, holders, now);
        return new Redecision(policy.redecide(ad, context, s.status()), context.conflicts());
    }

    /** A decision made again after a verdict. */
    record Redecision(Decision decision, List<IdentityConflict> conflicts) {}
}
