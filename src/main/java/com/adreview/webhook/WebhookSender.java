package com.adreview.webhook;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs one delivery to a subscriber, at an address {@link SubscriberAddresses} has just checked.
 *
 * <p>Why not simply hand the URL to an HTTP client: the client would resolve the name again when it
 * connects, and a name under an attacker's control can answer with a public address for the check and
 * with 127.0.0.1 or 169.254.169.254 a moment later (DNS rebinding, with a TTL of 0). So the name is
 * resolved once, here, every address is checked, and the connection is opened to the checked address
 * itself: Vert.x's {@code RequestOptions.setServer} names the socket address to connect to, while the
 * request's host stays the URL's host name, which Vert.x uses for the Host header, for TLS SNI and for
 * verifying the server's certificate. The address is handed over as a bare IP (an {@link InetAddress}
 * without a host name), so nothing downstream has a name left to resolve; the connection pool is keyed
 * by that address too, so a pooled connection is one to an address checked the same way. Redirects
 * are not followed (a 3xx is a failed delivery), as a redirect would lead to an address never checked.
 */
@ApplicationScoped
public class WebhookSender {

    /**
     * The subscriber's answer ({@code status} 0 when there was none) and, when it failed, its class; and how
     * many times before it the delivery was sent on a connection that closed before any answer (and sent
     * again at once): the subscriber may have received it those times too, so the attempt log shows them.
     */
    record Result(int status, String error, int closedBeforeAnswer) {
        Result(int status, String error) {
            this(status, error, 0);
        }

        boolean delivered() {
            return status >= 200 && status < 300;
        }
    }

    /** How many connections one delivery to one address may use when each closes before an answer. */
    static final int CONNECTION_TRIES = 2;

    private final SubscriberAddresses addresses;
    private final HttpClient http;
    private final Duration timeout;

    @Inject
    public WebhookSender(Vertx vertx, SubscriberAddresses addresses, WebhookConfig config) {
        this(vertx, addresses, config.timeout(), new HttpClientOptions());
    }

    /** @param options the client's options (tests add a trust store); verification of hosts stays on */
    WebhookSender(Vertx vertx, SubscriberAddresses addresses, Duration timeout, HttpClientOptions options) {
        this.addresses = addresses;
        this.timeout = timeout;
        this.http = vertx.createHttpClient(options.setVerifyHost(true)
                .setTrustAll(false)
                .setConnectTimeout((int) timeout.toMillis())
                .setProxyOptions(null));
    }

    @PreDestroy
    void close() {
        http.close();
    }

    /** Sends the body; never throws for anything the subscriber or the network does. */
    Result post(String url, Map<String, String> headers, String body) throws InterruptedException {
        SubscriberAddresses.Target target;
        try {
            target = addresses.check(url);
        } catch (SubscriberAddresses.Refused e) {
            return new Result(0, DeliveryError.of(e.refusal()).name());
        }
        DeliveryError error = DeliveryError.CONNECTION;
        for (InetAddress address : target.addresses()) {
            // A connection that closes before any answer is sent once more, on a fresh connection: a kept-alive
            // connection the subscriber closed while it idled in the pool is only found closed when used (RFC 9112
            // §9.3.1), and that is no failure of the subscriber's. A delivery may arrive twice anyway (at least
            // once, told apart by its event id), so sending it again is safe.
            for (int tries = 1; ; tries++) {
                try {
                    int status = send(target.url(), address, headers, body);
                    boolean ok = status >= 200 && status < 300;
                    return new Result(status, ok ? null : DeliveryError.http(status), tries - 1);
                } catch (TimeoutException e) {
                    return new Result(0, DeliveryError.TIMEOUT.name(), tries - 1);
                } catch (ExecutionException e) {
                    error = DeliveryError.of(e.getCause());
                    if (error != DeliveryError.CONNECTION || tries >= CONNECTION_TRIES) {
                        if (error == DeliveryError.CONNECTION) {
                            return new Result(0, error.name(), tries - 1);
                        }
                        break;
                    }
                }
            }
            if (error != DeliveryError.REFUSED) {
                break; // the next address only when this one took no connection: nothing was sent yet
            }
        }
        return new Result(0, error.name());
    }

    private int send(WebhookUrl url, InetAddress checked, Map<String, String> headers, String body)
            throws InterruptedException, ExecutionException, TimeoutException {
        long millis = timeout.toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                // Connect here, and only here: the address check() judged (see the class comment).
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(bare(checked), url.port())))
                // The URL's host for Host, SNI and certificate verification.
                .setHost(url.host())
                .setPort(url.port())
                .setSsl(url.https())
                .setURI(url.target())
                .setFollowRedirects(false)
                .setConnectTimeout(millis)
                .setIdleTimeout(millis);
        headers.forEach(options::putHeader);
        if (url.host().indexOf(':') >= 0) {
            // Vert.x writes an IPv6 host without its brackets; the host passed above stays bare, as TLS
            // verifies an IP address certificate against the bare address.
            options.putHeader("Host", url.authorityHost() + ":" + url.port());
        }
        AtomicReference<HttpClientRequest> request = new AtomicReference<>();
        Future<Integer> status = http.request(options)
                .compose(r -> {
                    request.set(r);
                    return r.send(Buffer.buffer(body));
                })
                // Read the answer to its end, so the connection can serve the next delivery; its status decides.
                .compose(response -> response.end().transform(done -> Future.succeededFuture(response.statusCode())));
        try {
            return status.toCompletionStage().toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            HttpClientRequest r = request.get();
            if (r != null) {
                r.reset();
            }
            throw e;
        }
    }

    /** The address without the host name it was resolved from, so that no layer below can resolve it again. */
    private static InetAddress bare(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }
}
