package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.StandardConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery goes to the address that was checked, under the URL's host name: the name is resolved once
 * per delivery, by the check, and nothing resolves it again between the check and the connection.
 */
class WebhookSenderTest {

    private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");
    private static Vertx vertx;

    @TempDir
    static Path keys;

    private static Path certificate;
    private static Path keyStore;

    private record Request(String host, String target, String body) {}

    private final List<Request> received = new CopyOnWriteArrayList<>();
    private final List<String> resolved = new ArrayList<>();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // A certificate for hooks.example.test only, made with the JDK's keytool.
        keyStore = keys.resolve("hooks.p12");
        certificate = keys.resolve("hooks.pem");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(
                keytool,
                "-genkeypair",
                "-alias",
                "hooks",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=hooks.example.test",
                "-ext",
                "SAN=dns:hooks.example.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        run(
                keytool,
                "-exportcert",
                "-rfc",
                "-alias",
                "hooks",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                "changeit",
                "-file",
                certificate.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void clear() {
        received.clear();
    }

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    /** DNS that answers every name with the given address, and records each question. */
    private SubscriberAddresses.Resolver dns(Function<Integer, String> answer) {
        return host -> {
            resolved.add(host);
            return new InetAddress[] {
                InetAddress.getByAddress(
                        host,
                        InetAddress.getByName(answer.apply(resolved.size())).getAddress())
            };
        };
    }

    private WebhookSender sender(SubscriberAddresses addresses, Duration timeout) {
        return new WebhookSender(
                vertx,
                addresses,
                timeout,
                new HttpClientOptions().setPemTrustOptions(new PemTrustOptions().addCertPath(certificate.toString())));
    }

    private WebhookSender loopbackAllowed(Function<Integer, String> answer) {
        return sender(new SubscriberAddresses(List.of(), List.of("127.0.0.1/32"), dns(answer)), Duration.ofSeconds(5));
    }

    private int http(String bind, int status) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, 0), 0);
        server.createContext("/", exchange -> {
            received.add(new Request(
                    String.join(",", exchange.getRequestHeaders().get("Host")),
                    exchange.getRequestURI().toString(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (status == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWithTheUrlsHostName() throws Exception {
        int port = http("127.0.0.1", 204);
        WebhookSender sender = loopbackAllowed(n -> "127.0.0.1");

        // No resolver but the check's knows hooks.example.test: if anything resolved it again, it would fail.
        WebhookSender.Result result =
                sender.post("http://hooks.example.test:" + port + "/hook?topic=ads", HEADERS, "{\"seq\":1}");

        assertThat(result).isEqualTo(new WebhookSender.Result(204, null));
        assertThat(received)
                .containsExactly(new Request("hooks.example.test:" + port, "/hook?topic=ads", "{\"seq\":1}"));
        assertThat(resolved).containsExactly("hooks.example.test");
    }

    @Test
    void aNameThatRebindsToAnInternalAddressAfterRegistrationReachesNothing() throws Exception {
        int port = http("127.0.0.1", 204);
        // Public when registered, loopback when delivered to: the rebinding attack, with a TTL of 0.
        SubscriberAddresses addresses =
                new SubscriberAddresses(List.of(), List.of(), dns(n -> n == 1 ? "93.184.216.34" : "127.0.0.1"));
        String url = "http://rebind.example.test:" + port + "/hook";
        addresses.check(url);

        WebhookSender.Result result = sender(addresses, Duration.ofSeconds(5)).post(url, HEADERS, "{}");

        assertThat(result).isEqualTo(new WebhookSender.Result(0, "BLOCKED_ADDRESS"));
        assertThat(received).isEmpty();
        assertThat(resolved).hasSize(2);
    }

    @Test
    void aStoredUrlThatIsNotPublicIsNotSentTo() throws Exception {
        int port = http("127.0.0.1", 204);
        SubscriberAddresses none = new SubscriberAddresses(List.of(), List.of(), dns(n -> "127.0.0.1"));

        assertThat(sender(none, Duration.ofSeconds(5)).post("http://127.0.0.1:" + port + "/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "BLOCKED_ADDRESS"));
        assertThat(sender(none, Duration.ofSeconds(5)).post("http://a:b@127.0.0.1:" + port + "/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "INVALID_URL"));
        assertThat(received).isEmpty();
    }

    @Test
    void failuresAreReportedAsClassesOnly() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        WebhookSender sender = loopbackAllowed(n -> "127.0.0.1");
        assertThat(sender.post("http://127.0.0.1:" + closed + "/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "REFUSED"));

        assertThat(sender.post("http://127.0.0.1:" + http("127.0.0.1", 503) + "/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(503, "HTTP_503"));

        SubscriberAddresses noDns = new SubscriberAddresses(List.of(), List.of(), host -> {
            throw new UnknownHostException(host);
        });
        assertThat(sender(noDns, Duration.ofSeconds(5)).post("http://nowhere.example.test/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "DNS"));
    }

    @Test
    void aSubscriberThatNeverAnswersTimesOut() throws Exception {
        ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    accepted.add(silent.accept());
                }
            } catch (java.io.IOException e) {
                // closed
            }
        });
        acceptor.start();
        servers.add(() -> {
            silent.close();
            for (Socket s : accepted) {
                s.close();
            }
        });
        WebhookSender sender = sender(
                new SubscriberAddresses(List.of(), List.of("127.0.0.1/32"), dns(n -> "127.0.0.1")),
                Duration.ofMillis(300));

        assertThat(sender.post("http://127.0.0.1:" + silent.getLocalPort() + "/", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "TIMEOUT"));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        int port = http("127.0.0.1", 302);

        WebhookSender.Result result =
                loopbackAllowed(n -> "127.0.0.1").post("http://127.0.0.1:" + port + "/", HEADERS, "{}");

        assertThat(result).isEqualTo(new WebhookSender.Result(302, "HTTP_302"));
        assertThat(received).hasSize(1);
    }

    @Test
    void overTlsTheCertificateIsVerifiedForTheNameAndTheNameIsSentAsSni() throws Exception {
        List<String> sni = new CopyOnWriteArrayList<>();
        int port = https(sni);
        WebhookSender sender = loopbackAllowed(n -> "127.0.0.1");

        assertThat(sender.post("https://hooks.example.test:" + port + "/tls", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(204, null));
        assertThat(sni).containsExactly("hooks.example.test");
        assertThat(received).extracting(Request::host).containsExactly("hooks.example.test:" + port);

        // The same server, the same address, under a name its certificate is not for.
        assertThat(sender.post("https://other.example.test:" + port + "/tls", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(0, "TLS"));
        assertThat(received).hasSize(1);
    }

    private int https(List<String> sni) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keyStore.toFile())) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.getDefaultSSLParameters();
                p.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
                    @Override
                    public boolean matches(SNIServerName name) {
                        sni.add(((SNIHostName) name).getAsciiName());
                        return true;
                    }
                }));
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            received.add(new Request(
                    String.join(",", exchange.getRequestHeaders().get("Host")),
                    exchange.getRequestURI().toString(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        servers.add(() -> server.stop(0));
        return server.getAddress().getPort();
    }

    @Test
    void anIpv6SubscriberGetsItsAddressInBracketsAsHost() throws Exception {
        int port;
        try {
            port = http("::1", 204);
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no IPv6 loopback here");
            return;
        }
        WebhookSender sender =
                sender(new SubscriberAddresses(List.of(), List.of("::1/128"), dns(n -> "::1")), Duration.ofSeconds(5));

        assertThat(sender.post("http://[::1]:" + port + "/v6", HEADERS, "{}"))
                .isEqualTo(new WebhookSender.Result(204, null));
        assertThat(received).extracting(Request::host).containsExactly("[0:0:0:0:0:0:0:1]:" + port);
    }
}
