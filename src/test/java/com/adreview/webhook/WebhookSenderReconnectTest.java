package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * A subscriber on a raw socket: {@code answers} says, for connection {@code c} and its {@code n}th request
     * (from 1), whether it answers 204 (kept alive) or closes the connection unanswered. Counts the requests
     * each connection took.
     */
    private int subscriber(List<Integer> requestsPerConnection, Answers answers) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        servers.add(server);
        Thread accepting = new Thread(() -> {
            for (int connection = 0; !server.isClosed(); connection++) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return; // the server socket was closed after the test
                }
                requestsPerConnection.add(0);
                int index = requestsPerConnection.size() - 1;
                int number = connection;
                // Each connection on a thread of its own: one waiting for its next request holds up no other.
                Thread serving = new Thread(() -> serve(socket, number, index, requestsPerConnection, answers));
                serving.setDaemon(true);
                serving.start();
            }
        });
        accepting.setDaemon(true);
        accepting.start();
        return server.getLocalPort();
    }

    private static void serve(
            Socket socket, int connection, int index, List<Integer> requestsPerConnection, Answers answers) {
        try (socket) {
            InputStream in = socket.getInputStream();
            while (readRequest(in)) {
                int n = requestsPerConnection.get(index) + 1;
                requestsPerConnection.set(index, n);
                if (!answers.answer(connection, n)) {
                    return; // closed with the request unanswered
                }
                socket.getOutputStream().write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private interface Answers {
        boolean answer(int connection, int request);
    }

    /** Reads one HTTP/1.1 request with a Content-Length body; false at the end of the stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        if (c < 0) {
            return false;
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return in.readNBytes(length).length == length;
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
