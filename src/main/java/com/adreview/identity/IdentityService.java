package com.adreview.identity;

import com.adreview.api.FieldError;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.complaint.EntityKeys;
import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.Publication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Whose record is whose. An identifier is held by the account that named it first, or by the account
 * an operator assigns it to; accounts join one entity only through links a person confirmed. Finding an
 * entity is a few index lookups (the links of the accounts found so far, then what they hold), however
 * many ads they have.
 */
@ApplicationScoped
public class IdentityService {

    private final HoldingStore holdings;
    private final LinkStore links;
    private final ConflictStore conflicts;
    private final Outbox outbox;
    private final IdentityConfig config;
    private final Event<IdentityChanged> changed;
    private final Clock clock;

    public IdentityService(
            HoldingStore holdings,
            LinkStore links,
            ConflictStore conflicts,
            Outbox outbox,
            IdentityConfig config,
            Event<IdentityChanged> changed,
            Clock clock) {
        this.holdings = holdings;
        this.links = links;
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.config = config;
        this.changed = changed;
        this.clock = clock;
    }

    // ---- holding ------------------------------------------------------------------------------

    /**
     * The account claims every identifier it names that nobody holds yet, and learns who holds each.
     * Two accounts naming a new identifier at once: the unique key lets exactly one hold it.
     *
     * @return the holder of every named identifier
     */
    public Map<Identifier, String> claim(String account, Collection<Identifier> named, Instant at, String actor) {
        return claimAll(account, named, at, actor).holders();
    }

    /**
     * What a claim did.
     *
     * @param holders the holder of every named identifier, after the claim
     * @param taken the identifiers that nobody held and the account holds now, by this claim
     */
    public record Claim(Map<Identifier, String> holders, Set<Identifier> taken) {}

    /**
     * As {@link #claim}, telling also which identifiers this claim took: a batch of packages decides each
     * package with only the identifiers taken by the packages up to it ({@code DecisionContextService}).
     * One read, and one write when something was free, however many identifiers.
     */
    public Claim claimAll(String account, Collection<Identifier> named, Instant at, String actor) {
        Map<Identifier, String> holders = holdersOf(named);
        List<HoldingDocument> free = new ArrayList<>();
        for (Identifier id : named) {
            if (!holders.containsKey(id)) {
                free.add(firstHolding(id, account, at, "FIRST_NAMED", actor));
            }
        }
        if (free.isEmpty()) {
            return new Claim(holders, Set.of());
        }
        return new Claim(holders, take(account, free, holders));
    }

    /** What {@link #claimInEntity} found: the claim, and the account's entity after it. */
    public record ClaimInEntity(Claim claim, Entity entity) {}

    /**
     * As {@link #claimAll} followed by {@link #entityOf}, with one read of holdings instead of two: the
     * account's group is found from its links first, then who holds the named identifiers and what the
     * group holds come from one lookup; what the claim takes is added to both. For intake, which needs
     * both for every package.
     */
    public ClaimInEntity claimInEntity(String account, Collection<Identifier> named, Instant at, String actor) {
        Set<String> group = groupOf(account);
        Set<String> keys = new HashSet<>();
        named.forEach(i -> keys.add(i.key()));
        Map<Identifier, String> holders = new HashMap<>();
        Map<Identifier, String> held = new HashMap<>();
        for (HoldingDocument d : holdings.byKeysOrHolders(keys, group)) {
            Identifier id = Identifier.fromKey(d.id);
            if (keys.contains(d.id)) {
                holders.put(id, d.holder);
            }
            if (group.contains(d.holder)) {
                held.put(id, d.holder);
            }
        }
        List<HoldingDocument> free = new ArrayList<>();
        for (Identifier id : named) {
            if (!holders.containsKey(id)) {
                free.add(firstHolding(id, account, at, "FIRST_NAMED", actor));
            }
        }
        if (free.isEmpty()) {
            return new ClaimInEntity(new Claim(holders, Set.of()), new Entity(account, group, held));
        }
        Set<Identifier> taken = take(account, free, holders);
        for (Identifier id : named) {
            String holder = holders.get(id);
            if (holder != null && group.contains(holder)) {
                held.put(id, holder);
            }
        }
        return new ClaimInEntity(new Claim(holders, taken), new Entity(account, group, held));
    }

    /**
     * Stores the free identifiers' first holdings in one write, published together; what another account
     * took meanwhile is read back. Puts every one's holder in {@code holders}.
     *
     * @return the identifiers this account took
     */
    private Set<Identifier> take(String account, List<HoldingDocument> free, Map<Identifier, String> holders) {
        List<HoldingDocument> stored = holdings.insertFirstAll(free);
        List<Outbox.Pending> told = new ArrayList<>(stored.size());
        Set<Identifier> taken = new HashSet<>();
        for (HoldingDocument doc : stored) {
            told.add(new Outbox.Pending(doc.id, held(doc)));
            Identifier id = Identifier.fromKey(doc.id);
            holders.put(id, account);
            taken.add(id);
        }
        outbox.publishAll(HoldingStore.COLLECTION, told);
        if (stored.size() < free.size()) {
            Set<String> lost = new HashSet<>();
            free.stream().filter(d -> !stored.contains(d)).forEach(d -> lost.add(d.id));
            holdings.byKeys(lost).values().forEach(d -> holders.put(Identifier.fromKey(d.id), d.holder));
        }
        return taken;
    }

    /** The holders of those identifiers that are held: one index lookup. */
    public Map<Identifier, String> holdersOf(Collection<Identifier> identifiers) {
        Map<Identifier, String> out = new HashMap<>();
        if (identifiers.isEmpty()) {
            return out;
        }
        Set<String> keys = new HashSet<>();
        identifiers.forEach(i -> keys.add(i.key()));
        holdings.byKeys(keys).values().forEach(d -> out.put(Identifier.fromKey(d.id), d.holder));
        return out;
    }

    /**
     * Holdings recomputed from stored submissions, for identifiers nobody holds yet: the first account
     * to name each, at the time it did (start-up, for data stored before identifiers were held).
     *
     * @param firstNamed for each identifier, its first account and when that account named it
     */
    public void recompute(Map<Identifier, Map.Entry<String, Instant>> firstNamed) {
        List<HoldingDocument> docs = new ArrayList<>(firstNamed.size());
        firstNamed.forEach(
                (id, first) -> docs.add(firstHolding(id, first.getKey(), first.getValue(), "RECOMPUTED", "system")));
        for (int from = 0; from < docs.size(); from += 1_000) {
            holdings.insertMissing(docs.subList(from, Math.min(docs.size(), from + 1_000)));
        }
    }

    /** Whether the holdings were recomputed from the submissions stored before identifiers were held. */
    public boolean recomputed() {
        return holdings.recomputedAt() != null;
    }

    public void markRecomputed(Document summary) {
        holdings.markRecomputed(now(), summary);
    }

    private static HoldingDocument firstHolding(Identifier id, String account, Instant at, String how, String by) {
        HoldingDocument doc = new HoldingDocument();
        doc.id = id.key();
        doc.kind = id.kind();
        doc.value = id.value();
        doc.holder = account;
        doc.since = at;
        doc.how = how;
        doc.by = by;
        doc.history = new ArrayList<>();
        doc.version = 1;
        doc.outbox = Outbox.initial(held(doc));
        return doc;
    }

    private static Publication held(HoldingDocument d) {
        return Publication.of(new AuditEvent(
                "held:" + d.id,
                d.since,
                d.by,
                AuditAction.IDENTIFIER_HELD,
                "identifier:" + d.id,
                null,
                new Document("holder", d.holder).append("how", d.how),
                null));
    }

    /** Who holds the identifier, since when, and before; 404 when nobody does. */
    public HoldingView holding(IdentifierKind kind, String raw) {
        Identifier id = Identifier.of(kind, raw)
                .orElseThrow(() -> ProblemException.invalidField("identifier", "must not be blank"));
        return holdings.byKey(id.key())
                .map(IdentityService::view)
                .orElseThrow(() -> ProblemException.notFound("Nobody holds " + kind + " " + id.value()));
    }

    /**
     * An operator gives the identifier to an account (the rightful owner of a credit code another
     * account named first, say). The accounts that held it and hold it now have their live ads
     * re-evaluated.
     */
    public HoldingView assign(IdentifierKind kind, String raw, HolderAssignment request, String actor) {
        Identifier id = Identifier.of(kind, raw)
                .orElseThrow(() -> ProblemException.invalidField("identifier", "must not be blank"));
        String account = request.accountId().strip();
        String reason = request.reason().strip();
        Instant now = now();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<HoldingDocument> current = holdings.byKey(id.key());
            if (current.isEmpty()) {
                HoldingDocument doc = firstHolding(id, account, now, "ASSIGNED", actor);
                doc.reason = reason;
                Publication publication = assigned(doc, null, now, actor);
                doc.outbox = Outbox.initial(publication);
                if (holdings.insertFirst(doc)) {
                    outbox.publish(HoldingStore.COLLECTION, doc.id, publication);
                    changed.fire(new IdentityChanged(Set.of(account), "ASSIGNED", id.key()));
                    return view(doc);
                }
                continue; // named meanwhile: assign it over its first holder
            }
            HoldingDocument read = current.get();
            if (read.holder.equals(account)) {
                return view(read);
            }
            HoldingDocument after = copyWithHolder(read, account, now, actor, reason);
            Publication publication = assigned(after, read.holder, now, actor);
            if (holdings.reassign(read, account, now, actor, reason, publication)) {
                outbox.publish(HoldingStore.COLLECTION, read.id, publication);
                changed.fire(new IdentityChanged(Set.of(read.holder, account), "ASSIGNED", id.key()));
                return holdings.byKey(id.key()).map(IdentityService::view).orElseThrow();
            }
        }
        throw ProblemException.conflict("The holding of " + id.key() + " kept changing; try again");
    }

    private static HoldingDocument copyWithHolder(
            HoldingDocument read, String holder, Instant at, String by, String reason) {
        HoldingDocument d = new HoldingDocument();
        d.id = read.id;
        d.kind = read.kind;
        d.value = read.value;
        d.holder = holder;
        d.since = at;
        d.how = "ASSIGNED";
        d.by = by;
        d.reason = reason;
        d.version = read.version + 1;
        return d;
    }

    private static Publication assigned(HoldingDocument d, String previous, Instant at, String actor) {
        return Publication.of(new AuditEvent(
                "assigned:" + d.id + ":" + d.version,
                at,
                actor,
                AuditAction.IDENTIFIER_ASSIGNED,
                "identifier:" + d.id,
                previous == null ? null : new Document("holder", previous),
                new Document("holder", d.holder).append("reason", d.reason),
                null));
    }

    // ---- entities -----------------------------------------------------------------------------

    /** The account and every account linked to it, breadth-first, at most the configured number. */
    public Set<String> groupOf(String account) {
        Set<String> group = new LinkedHashSet<>();
        group.add(account);
        Set<String> frontier = Set.of(account);
        while (!frontier.isEmpty() && group.size() < config.maxLinkedAccounts()) {
            Set<String> next = new LinkedHashSet<>();
            for (LinkDocument link : links.activeOf(frontier)) {
                for (String a : link.accounts) {
                    if (group.size() + next.size() < config.maxLinkedAccounts() && !group.contains(a)) {
                        next.add(a);
                    }
                }
            }
            group.addAll(next);
            frontier = next;
        }
        return group;
    }

    /** Since when each of the identifiers has been held (those that are). */
    public Map<Identifier, Instant> heldSince(Collection<Identifier> identifiers) {
        Map<Identifier, Instant> out = new HashMap<>();
        Set<String> keys = new HashSet<>();
        identifiers.forEach(i -> keys.add(i.key()));
        holdings.byKeys(keys).values().forEach(d -> out.put(Identifier.fromKey(d.id), d.since));
        return out;
    }

    /** The entity of an account: it, its linked accounts, and what they hold. */
    public Entity entityOf(String account) {
        Set<String> group = groupOf(account);
        Map<Identifier, String> held = new HashMap<>();
        for (HoldingDocument d : holdings.heldBy(group)) {
            held.put(Identifier.fromKey(d.id), d.holder);
        }
        return new Entity(account, group, held);
    }

    /**
     * The accounts a complaint's subject reaches: the accounts it names and the holders of the
     * identifiers it names. An identifier nobody holds reaches nobody (yet: it joins the record of the
     * account that names it first).
     */
    public Set<String> accountsAnswering(EntityKeys subject) {
        Set<String> accounts = new TreeSet<>(subject.accounts());
        List<Identifier> ids = new ArrayList<>();
        subject.creditCodes()
                .forEach(v -> Identifier.of(IdentifierKind.CREDIT_CODE, v).ifPresent(ids::add));
        subject.domains().forEach(v -> Identifier.of(IdentifierKind.DOMAIN, v).ifPresent(ids::add));
        subject.appIds().forEach(v -> Identifier.of(IdentifierKind.APP_ID, v).ifPresent(ids::add));
        accounts.addAll(holdersOf(ids).values());
        return accounts;
    }

    /**
     * The entities of the accounts, each once: accounts linked to each other share one. For a complaint
     * naming several of them, or a change of links touching two.
     */
    public List<Entity> entitiesOf(Collection<String> accounts) {
        List<Entity> out = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (String account : accounts) {
            if (covered.contains(account)) {
                continue;
            }
            Entity entity = entityOf(account);
            covered.addAll(entity.accounts());
            out.add(entity);
        }
        return out;
    }

    // ---- links --------------------------------------------------------------------------------

    /**
     * Links two accounts as one business; their records join from now on, and the live ads of the
     * joined entity are re-evaluated (the link can pull). Linking a linked pair again changes nothing.
     *
     * @param caseId the review case whose verdict confirms it, or null for an operator's own link
     * @return the link, and whether this call made it
     */
    public Linked link(String a, String b, String reason, String actor, String caseId) {
        List<FieldError> errors = new ArrayList<>();
        String first = a == null ? "" : a.strip();
        String second = b == null ? "" : b.strip();
        if (first.isEmpty()) {
            errors.add(new FieldError("accounts[0]", "must not be blank"));
        }
        if (second.isEmpty()) {
            errors.add(new FieldError("accounts[1]", "must not be blank"));
        }
        if (errors.isEmpty() && first.equals(second)) {
            errors.add(new FieldError("accounts", "must name two different accounts"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The request is not a valid link", errors);
        }
        Optional<LinkDocument> existing = links.activeBetween(first, second);
        if (existing.isPresent()) {
            return new Linked(view(existing.get()), false);
        }
        Instant now = now();
        LinkDocument doc = new LinkDocument();
        doc.id = new ObjectId();
        doc.accounts = new ArrayList<>(new TreeSet<>(List.of(first, second)));
        doc.pairKey = LinkStore.pairKey(first, second);
        doc.active = true;
        doc.confirmedBy = actor;
        doc.confirmedAt = now;
        doc.reason = reason.strip();
        doc.caseId = caseId;
        doc.version = 1;
        Publication publication = linked(doc);
        doc.outbox = Outbox.initial(publication);
        if (!links.insertActive(doc)) {
            return new Linked(view(links.activeBetween(first, second).orElseThrow()), false);
        }
        outbox.publish(LinkStore.COLLECTION, doc.id, publication);
        changed.fire(new IdentityChanged(Set.copyOf(doc.accounts), "LINKED", doc.id.toHexString()));
        return new Linked(view(doc), true);
    }

    /** A link and whether the call made it. */
    public record Linked(LinkView link, boolean created) {}

    /**
     * Removes a link: the two accounts' records part from now on. Nothing is reinstated by it; their
     * live ads are re-evaluated, so an ad naming an identifier the other account holds goes to a reviewer.
     */
    public LinkView unlink(String id, String reason, String actor) {
        LinkDocument read = links.byId(id).orElseThrow(() -> ProblemException.notFound("No link with id " + id));
        if (!read.active) {
            throw ProblemException.conflict(
                    "Link " + id + " was removed at " + read.removedAt + " by " + read.removedBy);
        }
        Instant now = now();
        Publication publication = unlinked(read, actor, now, reason.strip());
        if (!links.remove(read, actor, now, reason.strip(), publication)) {
            throw ProblemException.conflict("Link " + id + " changed while removing it; reload it");
        }
        outbox.publish(LinkStore.COLLECTION, read.id, publication);
        changed.fire(new IdentityChanged(Set.copyOf(read.accounts), "UNLINKED", id));
        return link(id);
    }

    public LinkView link(String id) {
        return links.byId(id)
                .map(IdentityService::view)
                .orElseThrow(() -> ProblemException.notFound("No link with id " + id));
    }

    /** Links newest first, optionally only an account's. */
    public Page<LinkView> links(String account, PageRequest page) {
        String a = account == null || account.isBlank() ? null : account.strip();
        return Page.of(links.page(a, page), page, d -> d.confirmedAt, d -> d.id.toHexString(), IdentityService::view);
    }

    /** The active links among the accounts. */
    public List<LinkView> activeLinksOf(Collection<String> accounts) {
        Map<ObjectId, LinkView> out = new LinkedHashMap<>();
        for (LinkDocument d : links.activeOf(accounts)) {
            out.putIfAbsent(d.id, view(d));
        }
        return new ArrayList<>(out.values());
    }

    private static Publication linked(LinkDocument d) {
        return Publication.of(new AuditEvent(
                "linked:" + d.id.toHexString(),
                d.confirmedAt,
                d.confirmedBy,
                AuditAction.ENTITY_LINKED,
                "link:" + d.id.toHexString(),
                null,
                new Document("accounts", d.accounts).append("reason", d.reason).append("caseId", d.caseId),
                null));
    }

    private static Publication unlinked(LinkDocument d, String actor, Instant at, String reason) {
        return Publication.of(new AuditEvent(
                "unlinked:" + d.id.toHexString(),
                at,
                actor,
                AuditAction.ENTITY_UNLINKED,
                "link:" + d.id.toHexString(),
                new Document("accounts", d.accounts).append("active", true),
                new Document("active", false).append("reason", reason),
                null));
    }

    // ---- conflicts ----------------------------------------------------------------------------

    /** Records the conflict a review case is opened on. */
    public void conflictOpened(
            String caseId,
            String submissionId,
            String adId,
            String claimant,
            List<IdentityConflict> found,
            Instant at) {
        ConflictDocument doc = new ConflictDocument();
        doc.id = new ObjectId();
        doc.caseId = caseId;
        doc.submissionId = submissionId;
        doc.adId = adId;
        doc.claimant = claimant;
        doc.identifiers = new ArrayList<>();
        Set<String> holders = new TreeSet<>();
        for (IdentityConflict c : found) {
            doc.identifiers.add(new Document("kind", c.kind().name())
                    .append("identifier", c.identifier())
                    .append("holder", c.holder()));
            holders.add(c.holder());
        }
        doc.holders = new ArrayList<>(holders);
        doc.state = ConflictState.OPEN;
        doc.openedAt = at;
        conflicts.insertOpen(doc);
    }

    /** The case's conflict is settled (or moot). */
    public void conflictClosed(String caseId, String resolution, String actor) {
        conflicts.close(caseId, resolution, actor, now());
    }

    /** The conflict a case was opened on, if it was. */
    public Optional<ConflictView> conflictOf(String caseId) {
        return conflicts.byCase(caseId).map(IdentityService::view);
    }

    /** Open conflicts in which any of the accounts claims or holds. */
    public List<ConflictView> openConflictsInvolving(Collection<String> accounts) {
        return conflicts.openInvolving(accounts).stream()
                .map(IdentityService::view)
                .toList();
    }

    // ---- views --------------------------------------------------------------------------------

    static HoldingView view(HoldingDocument d) {
        List<HoldingView.Previous> history = new ArrayList<>();
        if (d.history != null) {
            for (Document h : d.history) {
                history.add(new HoldingView.Previous(
                        h.getString("holder"),
                        instant(h.get("since")),
                        instant(h.get("until")),
                        h.getString("how"),
                        h.getString("by"),
                        h.getString("reason")));
            }
        }
        return new HoldingView(d.kind, d.value, d.holder, d.since, d.how, d.by, d.reason, history);
    }

    static LinkView view(LinkDocument d) {
        return new LinkView(
                d.id.toHexString(),
                d.accounts,
                d.active,
                d.confirmedBy,
                d.confirmedAt,
                d.reason,
                d.caseId,
                d.removedBy,
                d.removedAt,
                d.removalReason);
    }

    static ConflictView view(ConflictDocument d) {
        List<IdentityConflict> ids = new ArrayList<>();
        for (Document i : d.identifiers) {
            ids.add(new IdentityConflict(
                    IdentifierKind.valueOf(i.getString("kind")), i.getString("identifier"), i.getString("holder")));
        }
        return new ConflictView(d.caseId, d.submissionId, d.adId, d.claimant, ids, d.openedAt);
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }

    /** A kind named in a path, case-insensitively; a 400 naming {@code kind} otherwise. */
    public static IdentifierKind kind(String raw) {
        try {
            return IdentifierKind.valueOf(raw.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalidField("kind", "must be one of CREDIT_CODE, DOMAIN, APP_ID");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
