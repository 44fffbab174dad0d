package com.adreview.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Subscribers' signing secrets, derived from one key in configuration ({@code adreview.webhook.signing-key}):
 * HMAC-SHA256(key, "webhook:" + subscriber id). Nothing secret is stored, so a copy of the store signs
 * nothing. Subscribers registered before secrets were derived keep the secret stored with them.
 */
@ApplicationScoped
public class WebhookSecrets {

    private final Optional<byte[]> key;
    private final boolean required;

    public WebhookSecrets(WebhookConfig config) {
        this.required = config.signingKeyRequired();
        this.key = config.signingKey().map(WebhookSecrets::decode);
    }

    /** Before anything else starts: without its key, a deployment that requires one does not start at all. */
    void requireKey(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (key.isEmpty() && required) {
            throw new IllegalStateException("adreview.webhook.signing-key (ADREVIEW_WEBHOOK_SIGNING_KEY) is not set:"
                    + " webhook bodies cannot be signed. Give it the base64 of 32 random bytes, from a Secret"
                    + " (see README, Deploy).");
        }
    }

    /** The secret a subscriber verifies signatures with. */
    public String secretOf(WebhookSubscriberDocument subscriber) {
        if (subscriber.secret != null) {
            return subscriber.secret;
        }
        byte[] k = key.orElseThrow(() -> new IllegalStateException(
                "adreview.webhook.signing-key is not set: subscribers' secrets cannot be derived"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            byte[] secret = mac.doFinal(("webhook:" + subscriber.id.toHexString()).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("adreview.webhook.signing-key is not base64", e);
        }
        if (k.length < 32) {
            throw new IllegalStateException("adreview.webhook.signing-key must be at least 32 bytes, not " + k.length);
        }
        return k;
    }
}
