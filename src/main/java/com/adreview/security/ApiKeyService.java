package com.adreview.security;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.adreview.api.ProblemException;
import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.outbox.Outbox;
import com.adreview.outbox.OutboxRelay;
import com.adreview.outbox.Publication;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.mongodb.panache.PanacheMongoRepositoryBase;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * Gateways' API keys: {@code ark_<id>_<secret>}, the secret 256 random bits. Only its SHA-256 is
 * stored (a secret that random needs no slow hash).
 *
 * <p>A key read from the store is remembered for {@code adreview.security.key-memory} (1 s by default),
 * so a gateway's steady stream of requests costs one store read a second, not one per request, and
 * needs no worker thread to authenticate. What that means for revocation: the instance that revokes a
 * key forgets it before answering, so from the next request on it refuses the key, as before; another
 * instance may still accept it for what is left of its memory of the key, at most that long, and then
 * reads it again and refuses it. Only what the store said is remembered (a known key, live or revoked):
 * a presented secret is checked against the stored hash on every request, and unknown key ids are not
 * remembered, so guessing fills no memory.
 */
@ApplicationScoped
public class ApiKeyService implements PanacheMongoRepositoryBase<ApiKeyDocument, String> {

    public static final String COLLECTION = "apiKeys";
    private static final Pattern FORMAT = Pattern.compile("ark_([0-9a-f]{16})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** At most this many keys are remembered; past it, memory starts again empty. */
    static final int REMEMBERED_KEYS = 10_000;

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Clock clock;
    private final long memoryNanos;
    private final ConcurrentHashMap<String, Remembered> remembered = new ConcurrentHashMap<>();

    /** A key as the store had it, and when it was read ({@link System#nanoTime()}). */
    private record Remembered(ApiKeyDocument key, long readAt) {}

    public ApiKeyService(Outbox outbox, OutboxRelay relay, Clock clock, SecurityConfig config) {
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
        this.memoryNanos = config.keyMemory().toNanos();
    }

    void onStart(@Observes StartupEvent event) {
        relay.watch(COLLECTION);
    }

    /** A new key, shown with the key itself: the one time its secret is seen. */
    public ApiKeyView create(String accountId, String label, String actor) {
        byte[] idBytes = new byte[8];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(idBytes);
        RANDOM.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiKeyDocument doc = new ApiKeyDocument();
        doc.id = HexFormat.of().formatHex(idBytes);
        doc.accountId = accountId;
        doc.label = label;
        doc.secretHash = sha256(secret);
        doc.createdAt = now();
        doc.createdBy = actor;
        Publication created = Publication.of(new AuditEvent(
                "api-key-created:" + doc.id,
                doc.createdAt,
                actor,
                AuditAction.API_KEY_CREATED,
                "apiKey:" + doc.id,
                null,
                new Document("accountId", accountId).append("label", label),
                null));
        doc.outbox = Outbox.initial(created);
        persist(doc);
        outbox.publish(COLLECTION, doc.id, created);
        return ApiKeyView.of(doc, "ark_" + doc.id + "_" + secret);
    }

    /** Revokes the key; 404 for no such key, 409 when it already is. */
    public ApiKeyView revoke(String id, String actor) {
        ApiKeyDocument doc = byId(id).orElseThrow(() -> ProblemException.notFound("No API key with id " + id));
        Instant now = now();
        Publication revoked = Publication.of(new AuditEvent(
                "api-key-revoked:" + id,
                now,
                actor,
                AuditAction.API_KEY_REVOKED,
                "apiKey:" + id,
                new Document("accountId", doc.accountId).append("revoked", false),
                new Document("accountId", doc.accountId).append("revoked", true),
                null));
        long changed = mongoCollection()
                .updateOne(
                        and(eq("_id", id), eq("revokedAt", null)),
                        Updates.combine(
                                Updates.set("revokedAt", now), Updates.set("revokedBy", actor), Outbox.add(revoked)))
                .getModifiedCount();
        // The key as it is now (revoked) replaces what is remembered: a lookup that read it before this
        // revocation remembers an older read, which never replaces a newer one.
        long readAt = System.nanoTime();
        ApiKeyDocument current = byId(id).orElseThrow();
        remember(current, readAt);
        if (changed == 0) {
            throw ProblemException.conflict("API key " + id + " is already revoked");
        }
        outbox.publish(COLLECTION, id, revoked);
        return ApiKeyView.of(current, null);
    }

    /** One key, without its secret; 404 for no such key. */
    public ApiKeyView get(String id) {
        return byId(id).map(k -> ApiKeyView.of(k, null))
                .orElseThrow(() -> ProblemException.notFound("No API key with id " + id));
    }

    private Optional<ApiKeyDocument> byId(String id) {
        return findByIdOptional(id);
    }

    /** Every key, newest first, without their secrets. */
    public List<ApiKeyView> newestFirst() {
        return mongoCollection().find().sort(Sorts.descending("createdAt")).into(new ArrayList<>()).stream()
                .map(k -> ApiKeyView.of(k, null))
                .toList();
    }

    /** The live key a presented token is, if it is one: well-formed, known, secret matching, not revoked. */
    public Optional<ApiKeyView> authenticate(String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token.strip());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        Optional<Optional<ApiKeyView>> recalled = recall(m);
        if (recalled.isPresent()) {
            return recalled.get();
        }
        long readAt = System.nanoTime();
        Optional<ApiKeyDocument> key = byId(m.group(1));
        key.ifPresent(k -> remember(k, readAt));
        return key.flatMap(k -> check(k, m.group(2)));
    }

    /**
     * What the instance's memory says of a token without asking the store: empty when it must ask
     * ({@link #authenticate}), else the live key or nothing (a malformed token, a wrong secret, a revoked
     * key are refused from memory too).
     */
    public Optional<Optional<ApiKeyView>> authenticateFromMemory(String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token.strip());
        if (m == null || !m.matches()) {
            return Optional.of(Optional.empty());
        }
        return recall(m);
    }

    private Optional<Optional<ApiKeyView>> recall(Matcher token) {
        if (memoryNanos <= 0) {
            return Optional.empty();
        }
        Remembered r = remembered.get(token.group(1));
        if (r == null || System.nanoTime() - r.readAt() >= memoryNanos) {
            return Optional.empty();
        }
        return Optional.of(check(r.key(), token.group(2)));
    }

    private void remember(ApiKeyDocument key, long readAt) {
        if (memoryNanos <= 0) {
            return;
        }
        if (remembered.size() >= REMEMBERED_KEYS) {
            remembered.clear();
        }
        // A read that began before a revocation here must not put the key back as it was then: only a
        // newer read replaces what is remembered (the revocation remembers its own read, made after it).
        remembered.merge(key.id, new Remembered(key, readAt), (old, neu) -> neu.readAt() >= old.readAt() ? neu : old);
    }

    private static Optional<ApiKeyView> check(ApiKeyDocument k, String secret) {
        boolean live = k.revokedAt == null
                && MessageDigest.isEqual(
                        k.secretHash.getBytes(StandardCharsets.US_ASCII),
                        sha256(secret).getBytes(StandardCharsets.US_ASCII));
        return live ? Optional.of(ApiKeyView.of(k, null)) : Optional.empty();
    }

    /** The key id of a presented token, without checking it: what the rate limit counts by. */
    public static Optional<String> idOf(String token) {
        Matcher m = token == null ? null : FORMAT.matcher(token.strip());
        return m != null && m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
