package com.adreview.webhook;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the webhook API shows. */
public final class WebhookViews {

    private WebhookViews() {}

    @Schema(name = "WebhookRequest", description = "A subscriber of the ad change feed.")
    public record Request(
            @Schema(
                            description = "Absolute http(s) URL the changes are POSTed to, without credentials;"
                                    + " its host must be or resolve to public addresses only, unless allow-listed.",
                            example = "https://ads.example.cn/hooks/adreview")
                    @jakarta.validation.constraints.NotBlank
                    @jakarta.validation.constraints.Size(max = 2048)
                    @jakarta.validation.constraints.Pattern(
                            regexp = "[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+(?:[/?#]\\S*)?",
                            message = "must be an absolute http or https URL")
                    String url,
            @Schema(
                            description = "Feed position to start after, 0 to the feed's current end; default: the"
                                    + " current end (only new changes).")
                    @jakarta.validation.constraints.PositiveOrZero
                    Long after) {}

    @Schema(name = "Webhook", description = "A subscriber; the secret is shown only in the answer that creates it.")
    public record Subscriber(
            @Schema(description = "Id of the subscriber.") String id,
            @Schema(description = "Where changes are POSTed.") String url,
            @Schema(description = "HMAC-SHA256 key of the X-Adreview-Signature header; only at creation.")
                    String secret,
            @Schema(description = "Whether deliveries continue.") boolean active,
            @Schema(description = "Last feed position delivered.") long cursor,
            @Schema(description = "Failed attempts at the next change.") int failures,
            @Schema(description = "When the next attempt is due, after a failure.") Instant nextAttemptAt,
            @Schema(description = "When it was registered.") Instant createdAt) {

        /** @param secret the signing secret, shown only in the answer that registers the subscriber; else null */
        public static Subscriber of(WebhookSubscriberDocument d, String secret) {
            return new Subscriber(
                    d.id.toHexString(), d.url, secret, d.active, d.cursor, d.failures, d.nextAttemptAt, d.createdAt);
        }
    }

    @Schema(name = "WebhookDelivery", description = "One attempt to deliver one change.")
    public record Delivery(
            @Schema(description = "Feed position of the change.") long seq,
            @Schema(description = "1 for the first attempt at this change, then 2, 3, …") int attempt,
            @Schema(description = "When it was made.") Instant at,
            @Schema(description = "DELIVERED or FAILED.") String outcome,
            @Schema(description = "HTTP status the subscriber answered; 0 when unreachable.") int status,
            @Schema(
                            description = "Why it failed, as a class: REFUSED, TIMEOUT, TLS, DNS, BLOCKED_ADDRESS,"
                                    + " INVALID_URL, CONNECTION, INTERRUPTED or HTTP_<status>.",
                            example = "HTTP_503")
                    String error,
            @Schema(description = "How long it took, in milliseconds.") long millis) {

        public static Delivery of(WebhookDeliveryDocument d) {
            return new Delivery(
                    d.seq,
                    d.attempt,
                    d.at,
                    d.outcome.name(),
                    d.status,
                    DeliveryError.shown(d.error, d.status),
                    d.millis);
        }
    }
}
