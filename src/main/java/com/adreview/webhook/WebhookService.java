package com.adreview.webhook;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.feed.AdChangeFeed;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Subscribers of the ad change feed: registering, showing and stopping them, and their delivery log. */
@ApplicationScoped
public class WebhookService {

    static final String INVALID_WEBHOOK = "The request is not a valid webhook";

    private final WebhookStore store;
    private final AdChangeFeed feed;
    private final WebhookSecrets secrets;
    private final SubscriberAddresses addresses;
    private final Clock clock;

    public WebhookService(
            WebhookStore store, AdChangeFeed feed, WebhookSecrets secrets, SubscriberAddresses addresses, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.secrets = secrets;
        this.addresses = addresses;
        this.clock = clock;
    }

    /**
     * Registers a subscriber whose URL reaches public addresses only, starting after {@code after} or
     * at the feed's end; the answer is the one that shows its secret.
     */
    public WebhookViews.Subscriber register(WebhookViews.Request request) {
        long end = feed.lastSeq();
        List<FieldError> errors = new ArrayList<>();
        try {
            addresses.check(request.url());
        } catch (SubscriberAddresses.Refused e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        if (request.after() != null && request.after() > end) {
            // A cursor beyond the end would skip every change until the feed caught up with it, silently.
            errors.add(new FieldError("after", "must be a position of the feed, at most its end (" + end + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(INVALID_WEBHOOK, errors);
        }
        WebhookSubscriberDocument doc = new WebhookSubscriberDocument();
        doc.id = new org.bson.types.ObjectId();
        doc.url = request.url().strip();
        doc.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        doc.active = true;
        doc.cursor = request.after() == null ? end : request.after();
        store.persist(doc);
        return WebhookViews.Subscriber.of(doc, secrets.secretOf(doc));
    }

    /** Every subscriber, newest first, without secrets. */
    public List<WebhookViews.Subscriber> list() {
        return store.newestFirst().stream()
                .map(s -> WebhookViews.Subscriber.of(s, null))
                .toList();
    }

    public WebhookViews.Subscriber get(String id) {
        return WebhookViews.Subscriber.of(find(id), null);
    }

    /** The latest delivery attempts to a subscriber, newest first. */
    public List<WebhookViews.Delivery> deliveries(String id) {
        return store.attempts(find(id).id, 200).stream()
                .map(WebhookViews.Delivery::of)
                .toList();
    }

    /** Stops deliveries to a subscriber; 409 when they already are. */
    public WebhookViews.Subscriber stop(String id) {
        WebhookSubscriberDocument doc = find(id);
        if (!store.deactivate(doc.id)) {
            throw ProblemException.conflict("Webhook " + id + " is already stopped");
        }
        return WebhookViews.Subscriber.of(find(id), null);
    }

    private WebhookSubscriberDocument find(String id) {
        return store.byId(id).orElseThrow(() -> ProblemException.notFound("No webhook with id " + id));
    }
}
