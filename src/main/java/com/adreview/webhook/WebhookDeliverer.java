package com.adreview.webhook;

import com.adreview.coordination.LeaseService;
import com.adreview.feed.AdChangeFeed;
import com.adreview.feed.FeedEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Sends every entry of the feed (ad changes, and the audit trail's signed checkpoints, each with its
 * {@code kind}) to every active subscriber, in feed order, at least once: a change
 * is retried with exponential backoff until the subscriber answers 2xx, and the subscriber's cursor
 * moves only then. Bodies are signed with the subscriber's secret (HMAC-SHA256); the feed sequence
 * number, sent as the event id, lets a subscriber drop a duplicate.
 */
@ApplicationScoped
public class WebhookDeliverer {

    public static final String SIGNATURE = "X-Adreview-Signature";
    public static final String EVENT_ID = "X-Adreview-Event-Id";
    private static final Logger LOG = Logger.getLogger(WebhookDeliverer.class);

    private final WebhookStore store;
    private final LeaseService leases;
    private final AdChangeFeed feed;
    private final WebhookConfig config;
    private final ManagedExecutor executor;
    private final ObjectMapper json;
    private final Clock clock;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private volatile boolean running;

    public WebhookDeliverer(
            WebhookStore store,
            LeaseService leases,
            AdChangeFeed feed,
            WebhookConfig config,
            ManagedExecutor executor,
            ObjectMapper json,
            WebhookSecrets secrets,
            WebhookSender sender,
            Clock clock) {
        this.secrets = secrets;
        this.sender = sender;
        this.store = store;
        this.leases = leases;
        this.feed = feed;
        this.config = config;
        this.executor = executor;
        this.json = json;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        executor.runAsync(this::loop);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    private void loop() {
        while (running) {
            try {
                deliverDue();
            } catch (RuntimeException e) {
                LOG.warnf(e, "Webhook delivery round failed; retrying next round");
            }
            try {
                Thread.sleep(config.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * One round: each active subscriber that is not waiting out a backoff gets its next changes, from
     * the one instance holding its lease, so that instances sharing the store never send a change twice
     * at the same time (a change may still arrive twice after a crash: the event id tells).
     */
    void deliverDue() {
        Instant now = clock.instant();
        for (WebhookSubscriberDocument s : store.activeSubscribers()) {
            if ((s.nextAttemptAt == null || !s.nextAttemptAt.isAfter(now)) && leases.acquire(lease(s))) {
                deliverTo(s);
            }
        }
    }

    private static String lease(WebhookSubscriberDocument s) {
        return "webhook:" + s.id.toHexString();
    }

    private void deliverTo(WebhookSubscriberDocument listed) {
        // Read again under the lease: the list was read before it was taken, and the instance that held
        // it until now may have moved the cursor since; sending from the listed cursor would repeat that.
        WebhookSubscriberDocument s = store.findById(listed.id);
        if (s == null || !s.active || (s.nextAttemptAt != null && s.nextAttemptAt.isAfter(clock.instant()))) {
            return;
        }
        List<FeedEntry> changes = feed.after(s.cursor, config.batchSize());
        for (FeedEntry change : changes) {
            if (!leases.renew(lease(s))) {
                return; // the lease ran out and another instance took the subscriber over
            }
            int attempt = s.failures + 1;
            Outcome outcome = send(s, change);
            // A send whose connection closed before any answer was made again at once, within this attempt:
            // the subscriber may have received it, so the log shows it as a failed send of the same attempt.
            for (int i = 0; i < outcome.closedBeforeAnswer(); i++) {
                record(s, change.seq(), attempt, new Outcome(false, 0, DeliveryError.CONNECTION.name(), 0, 0));
            }
            record(s, change.seq(), attempt, outcome);
            if (!outcome.delivered()) {
                store.failed(s, clock.instant().plus(backoff(attempt)));
                return; // in order: nothing after a change that has not arrived
            }
            if (!store.delivered(s, change.seq())) {
                return; // another deliverer moved this subscriber on; it continues from there
            }
            s = store.findById(s.id);
            if (s == null || !s.active) {
                return;
            }
        }
    }

    Duration backoff(int failures) {
        long millis = config.initialBackoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, config.maxBackoff().toMillis()));
    }

    private record Outcome(boolean delivered, int status, String error, long millis, int closedBeforeAnswer) {}

    private Outcome send(WebhookSubscriberDocument s, FeedEntry change) {
        long start = System.nanoTime();
        String body;
        try {
            body = json.writeValueAsString(change);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a feed entry must always serialise", e);
        }
        Map<String, String> headers = Map.of(
                "Content-Type",
                "application/json",
                EVENT_ID,
                Long.toString(change.seq()),
                SIGNATURE,
                "sha256=" + sign(secrets.secretOf(s), body));
        WebhookSender.Result result;
        try {
            result = sender.post(s.url, headers, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new WebhookSender.Result(0, DeliveryError.INTERRUPTED.name());
        }
        return new Outcome(
                result.delivered(),
                result.status(),
                result.error(),
                (System.nanoTime() - start) / 1_000_000,
                result.closedBeforeAnswer());
    }

    private void record(WebhookSubscriberDocument s, long seq, int attempt, Outcome outcome) {
        WebhookDeliveryDocument d = new WebhookDeliveryDocument();
        d.subscriberId = s.id;
        d.seq = seq;
        d.attempt = attempt;
        d.at = clock.instant();
        d.outcome = outcome.delivered() ? DeliveryOutcome.DELIVERED : DeliveryOutcome.FAILED;
        d.status = outcome.status();
        d.error = outcome.error();
        d.millis = outcome.millis();
        store.recordAttempt(d);
    }

    /** The hex HMAC-SHA256 of the body under the secret, as sent in {@link #SIGNATURE}. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
