package com.adreview.webhook;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a delivery failed, as the delivery log shows it: a coarse class, never an exception's text. The
 * log is read through the API, and texts such as "Connection refused: /10.0.0.7:6379" against
 * "timed out" would make the subscriber URL a port scanner of whatever it can reach. An answer with a
 * status is {@code HTTP_<status>}.
 */
enum DeliveryError {
    /** Nothing accepted the connection (refused, no route). */
    REFUSED,
    /** No connection or no answer within {@code adreview.webhook.timeout}. */
    TIMEOUT,
    /** The TLS handshake failed: certificate not trusted or not for the host, protocol mismatch. */
    TLS,
    /** The host name did not resolve. */
    DNS,
    /** The host is, or resolves to, an address that is not public and not allow-listed; nothing was sent. */
    BLOCKED_ADDRESS,
    /** The stored URL is not one a subscriber may have (registered before URLs were checked). */
    INVALID_URL,
    /** The connection failed otherwise (closed or reset before an answer). */
    CONNECTION,
    /** The service was stopping. */
    INTERRUPTED;

    private static final String HTTP = "HTTP_";

    static String http(int status) {
        return HTTP + status;
    }

    static DeliveryError of(SubscriberAddresses.Refusal refusal) {
        return switch (refusal) {
            case INVALID_URL -> INVALID_URL;
            case DNS -> DNS;
            case BLOCKED_ADDRESS -> BLOCKED_ADDRESS;
        };
    }

    /** The class of a failure of the HTTP client, from the innermost cause that tells. */
    static DeliveryError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return TLS;
            }
            // Netty's ConnectTimeoutException is a ConnectException: timeouts first.
            if (t instanceof TimeoutException
                    || t instanceof SocketTimeoutException
                    || t.getClass().getSimpleName().contains("Timeout")) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return REFUSED;
            }
            if (t instanceof UnknownHostException) {
                return DNS;
            }
        }
        return CONNECTION;
    }

    /**
     * What the log shows for a stored error: a class as is; anything else, written by a release that
     * stored exception texts, only as the class it can be told from the status.
     */
    static String shown(String stored, int status) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(HTTP)
                && stored.length() > HTTP.length()
                && stored.substring(HTTP.length()).chars().allMatch(Character::isDigit)) {
            return stored;
        }
        for (DeliveryError e : values()) {
            if (e.name().equals(stored)) {
                return stored;
            }
        }
        return status > 0 ? http(status) : CONNECTION.name();
    }
}
