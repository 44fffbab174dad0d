package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A delivery that meets a connection closed before any answer is sent once more, on a new connection: a
 * kept-alive connection the subscriber closed while it idled in the pool is no failure of the subscriber's
 * (the CONNECTION now and then in place of an answer in WebhookDeliveryTest), while a subscriber that closes
 * every connection unanswered still fails, after two tries.
 */
class WebhookSenderReconnectTest {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");
    private static Vertx vertx;
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private static WebhookSender loopbackAllowed() {
        SubscriberAddresses addresses = new SubscriberAddresses(List.of(), List.of("127.0.0.1/32"), host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})});
        // One connection per address at most (the default pool has more): a second delivery goes on the first's
        // connection, kept alive, rather than on a new one opened while the first is being returned to the pool.
        return new WebhookSender(vertx, addresses, Duration.ofSeconds(5), new HttpClientOptions().setMaxPoolSize(1));
    }

    private int subscriber(List<Integer> requestsPerConnection, RawSubscriber.Answers answers) throws IOException {
        RawSubscriber subscriber = RawSubscriber.start(requestsPerConnection, answers);
        servers.add(subscriber);
        return subscriber.port();
    }

    @Test
    void aKeptAliveConnectionTheSubscriberClosedIsReplacedNotReportedAsAFailure() throws Exception {
        List<Integer> requestsPerConnection = new CopyOnWriteArrayList<>();
        // The first connection answers its first request and closes on its second; later ones always answer.
        int port = subscriber(requestsPerConnection, (connection, request) -> connection > 0 || request == 1);
        WebhookSender sender = loopbackAllowed();
        String url = "http://hooks.example.test:" + port + "/hook";

        assertThat(sender.post(url, HEADERS, "{\"seq\":1}")).isEqualTo(new WebhookSender.Result(204, null));
        // Sent on the pooled connection, which the subscriber closes unanswered; then once more on a new one. The
        // send that met the closed connection is told (the deliverer logs it as a failed send of the attempt).
        assertThat(sender.post(url, HEADERS, "{\"seq\":2}")).isEqualTo(new WebhookSender.Result(204, null, 1));

        assertThat(requestsPerConnection).containsExactly(2, 1);
    }

    @Test
    void aSubscriberThatClosesEveryConnectionUnansweredIsTriedTwiceAndFailsAsConnection() throws Exception {
        List<Integer> requestsPerConnection = new CopyOnWriteArrayList<>();
        int port = subscriber(requestsPerConnection, (connection, request) -> false);
        WebhookSender sender = loopbackAllowed();

        assertThat(sender.post("http://hooks.example.test:" + port + "/hook", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "CONNECTION", 1));
        assertThat(requestsPerConnection).containsExactly(1, 1);
        assertThat(requestsPerConnection).hasSize(WebhookSender.CONNECTION_TRIES);
    }
}
