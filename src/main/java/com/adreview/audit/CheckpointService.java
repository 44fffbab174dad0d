package com.adreview.audit;

import static com.mongodb.client.model.Filters.eq;

import com.adreview.coordination.InstanceIdentity;
import com.adreview.coordination.LeaseService;
import com.adreview.coordination.LeasedTask;
import com.adreview.feed.AdChangeFeed;
import com.adreview.feed.AuditCheckpoint;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Signed checkpoints of the audit trail: every {@code adreview.audit.checkpoint-interval}, the
 * instance holding the checkpoint lease signs the trail's last entry (its seq and hash) with the
 * Ed25519 key from configuration; and every entry whose seq is a multiple of
 * {@code adreview.audit.checkpoint-entries} is signed by the instance that appended it, as it does. A
 * checkpoint pins the chain up to it: rewriting or cutting the trail behind it, even consistently,
 * needs the key, which the store does not hold. One checkpoint per seq (its id), whichever instance
 * writes it.
 */
@ApplicationScoped
public class CheckpointService {

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);
    public static final String COLLECTION = "auditCheckpoints";
    private static final String LEASE = "audit-checkpoint";
    /** Whether a checkpoint is in the feed yet; absent on checkpoints made before they were published. */
    private static final String PUBLISHED = "published";

    static final String ALGORITHM = "Ed25519";

    /**
     * The public half of the development key earlier releases committed to their configuration, and so
     * signed the one-command run's checkpoints with. Its private half is public: a checkpoint under it
     * proves nothing, and is set aside by verification rather than counted (or called forged).
     */
    static final String RETIRED_DEVELOPMENT_KEY = "MCowBQYDK2VwAyEAztW5KQz1VedWXm2vpV5Gr8Xaz8w02Sq1o73TzL/z+YM=";

    private final AuditTrail trail;
    private final MongoCollection<Document> checkpoints;
    private final AdChangeFeed feed;
    private final InstanceIdentity instance;
    private final AuditConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final Optional<KeyPair> key;
    private final LeasedTask task;

    public CheckpointService(
            AuditTrail trail,
            MongoDatabase database,
            AdChangeFeed feed,
            LeaseService leases,
            InstanceIdentity instance,
            AuditConfig config,
            ManagedExecutor executor,
            Clock clock) {
        this.trail = trail;
        this.checkpoints = database.getCollection(COLLECTION);
        this.feed = feed;
        this.instance = instance;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
        this.key = config.signingKey().map(CheckpointService::keyPair);
        this.task = new LeasedTask(LEASE, config::checkpointInterval, this::round, leases);
    }

    /** Before anything else starts: without its key, a deployment that requires one does not start at all. */
    void requireKey(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (key.isEmpty() && config.signingKeyRequired()) {
            throw new IllegalStateException("adreview.audit.signing-key (ADREVIEW_AUDIT_SIGNING_KEY) is not set:"
                    + " the audit trail's checkpoints cannot be signed. Give it the base64 of a 32-byte Ed25519"
                    + " private key, from a Secret (see README, Audit trail).");
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (key.isEmpty()) {
            LOG.warn("No adreview.audit.signing-key: the audit trail is hash-chained but not checkpointed");
            return;
        }
        // The log is one place an auditor can take the key from, outside the store and the API.
        LOG.infof(
                "Audit checkpoints are signed with Ed25519 public key %s (X.509, base64; fingerprint %s)",
                publicKey().orElseThrow(), fingerprint(publicKey().orElseThrow()));
        task.start(executor);
    }

    /** The public half of the signing key (X.509, base64), when there is a key. */
    public Optional<String> publicKey() {
        return key.map(k -> Base64.getEncoder().encodeToString(k.getPublic().getEncoded()));
    }

    /** {@code sha256:<hex>} of a public key's X.509 bytes: short enough to compare by eye. */
    static String fingerprint(String publicKey) {
        try {
            return "sha256:"
                    + HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(Base64.getDecoder().decode(publicKey)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        task.stop();
    }

    /**
     * Signs each entry just appended whose seq is a multiple of {@code checkpoint-entries}. A failure
     * leaves the append standing (it is in the trail already); the next interval's checkpoint covers it.
     */
    void onAppended(@Observes AuditTrail.Appended appended) {
        if (key.isEmpty()) {
            return;
        }
        for (Document entry : appended.entries()) {
            long seq = entry.getLong("_id");
            if (seq % config.checkpointEntries() == 0) {
                try {
                    sign(seq, entry.getString("hash"));
                } catch (RuntimeException e) {
                    LOG.warnf("Could not checkpoint entry %d of the audit trail: %s", seq, e.getMessage());
                }
            }
        }
    }

    /** Every interval: the trail's end is signed, and checkpoints whose publication was cut short are published. */
    void round() {
        checkpoint();
        for (Document unpublished : checkpoints.find(eq(PUBLISHED, false)).sort(Sorts.ascending("_id"))) {
            publish(unpublished);
        }
    }

    /** Signs the trail's last entry unless it is already checkpointed; returns the checkpoint, if any. */
    public Optional<Document> checkpoint() {
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Document last = trail.last();
        if (last == null) {
            return Optional.empty();
        }
        return Optional.of(sign(last.getLong("_id"), last.getString("hash")));
    }

    /** The checkpoint of an entry: the one already made, or a new one. */
    private Document sign(long seq, String hash) {
        Document existing = checkpoints.find(eq("_id", seq)).first();
        if (existing != null) {
            return existing;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Document checkpoint = new Document("_id", seq)
                .append("hash", hash)
                .append("at", Date.from(at))
                .append("algorithm", ALGORITHM)
                .append("publicKey", publicKey().orElseThrow())
                .append("signature", sign(message(seq, hash, at)))
                .append("signedBy", instance.id())
                .append(PUBLISHED, false);
        try {
            checkpoints.insertOne(checkpoint);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return checkpoints.find(eq("_id", seq)).first();
            }
            throw e;
        }
        try {
            publish(checkpoint);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Checkpoint %d is signed but not yet in the feed (retried every interval): %s",
                    seq, e.getMessage());
        }
        return checkpoint;
    }

    /**
     * Puts a checkpoint in the ad change feed, so that every reader and webhook subscriber holds a copy
     * the store's writer cannot reach; then marks it published.
     */
    private void publish(Document checkpoint) {
        CheckpointView c = CheckpointView.of(checkpoint);
        feed.publish(
                new AuditCheckpoint.Signed(
                        c.seq(), c.hash(), c.at(), c.algorithm(), c.publicKey(), c.signature(), c.message()),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        checkpoints.updateOne(eq("_id", c.seq()), Updates.set(PUBLISHED, true));
    }

    public Optional<CheckpointView> latest() {
        return Optional.ofNullable(checkpoints
                        .find()
                        .sort(Sorts.descending("_id"))
                        .limit(1)
                        .first())
                .map(CheckpointView::of);
    }

    /**
     * What checking the stored checkpoints found.
     *
     * @param checked checkpoints that verify and match the trail
     * @param retired checkpoints under the retired development key, set aside
     * @param verifiedThrough the seq of the last checkpoint that verifies and matches; null when none
     * @param firstBadSeq the first entry (or checkpoint) that fails, when one does
     */
    public record Check(long checked, long retired, Long verifiedThrough, Long firstBadSeq, String problem) {}

    /**
     * Checks every checkpoint: signed by this service's key, and the hash it signed is the hash of the
     * entry at its seq now. A checkpoint past the trail's end means entries it covered were removed.
     *
     * @param trailEnd the seq of the trail's last entry
     */
    public Check verifyAll(long trailEnd) {
        long checked = 0;
        long retired = 0;
        Long through = null;
        for (Document c : checkpoints.find().sort(Sorts.ascending("_id"))) {
            long seq = c.getLong("_id");
            if (RETIRED_DEVELOPMENT_KEY.equals(c.getString("publicKey"))) {
                retired++;
                continue;
            }
            String problem = problemOf(
                    seq,
                    c.getString("hash"),
                    c.getDate("at").toInstant(),
                    c.getString("publicKey"),
                    c.getString("signature"));
            Document entry = problem == null ? trail.entry(seq) : null;
            if (problem != null) {
                problem = "checkpoint " + seq + " " + problem;
            } else if (entry == null && seq > trailEnd) {
                return new Check(checked, retired, through, trailEnd + 1, cutShort(trailEnd, seq, "checkpoint " + seq));
            } else if (entry == null) {
                problem = "entry " + seq + ", which checkpoint " + seq + " signed, is missing";
            } else if (!c.getString("hash").equals(entry.getString("hash"))) {
                problem = "entry " + seq + " is not the entry checkpoint " + seq + " signed: the trail was"
                        + " rewritten at or before it";
            }
            if (problem != null) {
                return new Check(checked, retired, through, seq, problem);
            }
            checked++;
            through = seq;
        }
        return new Check(checked, retired, through, null, null);
    }

    /** The problem of a trail that ends at {@code trailEnd} though a checkpoint signed it up to {@code seq}. */
    static String cutShort(long trailEnd, long seq, String checkpoint) {
        return (trailEnd + 1 == seq ? "entry " + seq + " is" : "entries " + (trailEnd + 1) + "–" + seq + " are")
                + " missing: " + checkpoint + " signed the trail up to entry " + seq + ", and it now ends at "
                + trailEnd + " (it was cut short)";
    }

    /**
     * Why a checkpoint is not one this service signed ("is not signed with this service's key", "has a
     * signature that does not verify"), or null when it is.
     */
    String problemOf(long seq, String hash, Instant at, String publicKey, String signature) {
        if (key.isEmpty() || !publicKey().orElseThrow().equals(publicKey)) {
            return "is not signed with this service's key";
        }
        if (!verify(key.get().getPublic(), message(seq, hash, at), signature)) {
            return "has a signature that does not verify";
        }
        return null;
    }

    /** What a checkpoint signs: its seq, the entry's hash and its time, in one fixed text. */
    public static String message(long seq, String hash, Instant at) {
        return "adreview-audit-checkpoint\nseq=" + seq + "\nhash=" + hash + "\nat=" + at;
    }

    /** Verifies a checkpoint signature against a published key: what an auditor's own tooling does. */
    public static boolean verify(PublicKey key, String message, String signature) {
        try {
            Signature ed = Signature.getInstance(ALGORITHM);
            ed.initVerify(key);
            ed.update(message.getBytes(StandardCharsets.UTF_8));
            return ed.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }

    private String sign(String message) {
        try {
            Signature ed = Signature.getInstance(ALGORITHM);
            ed.initSign(key.get().getPrivate());
            ed.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ed.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /**
     * The key pair of an RFC 8032 private key. The JDK's Ed25519 generator takes its 32 private bytes
     * from the random source it is given, and derives the public key from them; given the configured
     * bytes as that source, it yields the configured key and its public half.
     */
    static KeyPair keyPair(String base64) {
        byte[] seed;
        try {
            seed = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("adreview.audit.signing-key is not base64", e);
        }
        if (seed.length != 32) {
            throw new IllegalStateException(
                    "adreview.audit.signing-key must be 32 bytes (an Ed25519 private key), not " + seed.length);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(255, new SecureRandom() {
                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(bytes.length, seed.length));
                }
            });
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required of every Java 17", e);
        }
    }

    List<Document> all() {
        return checkpoints.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
    }
}
