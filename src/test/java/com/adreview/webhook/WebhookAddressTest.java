package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.ShortClocksProfile;
import com.adreview.testing.TestPackages;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Subscribers are reached only at public addresses unless the configuration allow-lists them: what an
 * attacker with an admin credential tried (the cloud metadata service, the service's own loopback
 * ports, the private network, in every spelling the resolver understands) is refused at registration
 * and at every delivery, and the delivery log tells no more than a coarse class.
 */
@QuarkusTest
@TestProfile(ShortClocksProfile.class)
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(WebhookResource.class)
class WebhookAddressTest {

    @jakarta.inject.Inject
    com.mongodb.client.MongoDatabase database;

    private HttpServer receiver;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private static io.restassured.response.ValidatableResponse register(String url) {
        return Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"url\":" + Api.json(url) + "}")
                .post()
                .then();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.0.0.2:8080/",
                "http://localhost/",
                "http://LOCALHOST./",
                "http://[::1]/",
                "http://[0:0:0:0:0:0:0:1]/",
                "http://0.0.0.0/",
                "http://0/",
                "http://[::]/",
                "http://2130706433/",
                "http://0x7f.1/",
                "http://0x7f000001/",
                "http://0177.0.0.1/",
                "http://127.1/",
                "http://127.0.0.1./",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::ffff:169.254.169.254]/",
                "http://[::ffff:a9fe:a9fe]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::127.0.0.1]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[2002:7f00:1::]/",
                "http://[fe80::1]/",
                "http://[fe80::1%25eth0]/",
                "http://10.0.0.1/",
                "http://172.16.5.4/",
                "http://192.168.1.1/",
                "http://100.64.0.1/",
                "http://[fc00::1]/",
                "http://[fd12:3456::1]/",
                "http://224.0.0.1/",
                "http://[ff02::1]/",
                "http://255.255.255.255/",
                "http://1.2.3.08/",
                "http://admin:secret@example.com/",
                "http://@example.com/",
                "ftp://example.com/",
                "file:///etc/passwd",
                "gopher://127.0.0.1:6379/_INFO",
                "http://example.com:0/",
                "http://example.com:65536/",
                "http:///nohost",
                "http://exa mple.com/",
                "http://%31%32%37.0.0.1/"
            })
    void anAddressThatIsNotPublicOrNotHttpIsRefusedNamingTheUrl(String url) {
        register(url).statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("url"));
        assertThat(received).hasValue(0);
    }

    @Test
    void withoutTheAllowListALoopbackSubscriberIsRefusedAndNothingIsSent() {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        register(url).statusCode(400).body("errors[0].field", equalTo("url"));

        assertThat(Api.staff().get().then().statusCode(200).extract().<List<String>>path("url"))
                .doesNotContain(url);
        assertThat(received).hasValue(0);
    }

    @Test
    void aSubscriberStoredBeforeTheCheckGetsNothingAndItsLogSaysOnlyBlocked() throws Exception {
        // Registered by an earlier release, which did not check addresses.
        ObjectId id = new ObjectId();
        database.getCollection("webhookSubscribers")
                .insertOne(new Document("_id", id)
                        .append(
                                "url",
                                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/old")
                        .append("createdAt", new Date())
                        .append("active", true)
                        .append("cursor", 0L)
                        .append("failures", 0)
                        .append("version", 0L));
        try {
            Api.submitter()
                    .basePath("")
                    .contentType(ContentType.JSON)
                    .body(TestPackages.example("01-approved-p2p").asNewEntity().body())
                    .post("/v1/submissions")
                    .then()
                    .statusCode(201);

            Map<String, Object> attempt = firstAttempt(id.toHexString());

            assertThat(attempt.get("outcome")).isEqualTo("FAILED");
            assertThat(attempt.get("error")).isEqualTo("BLOCKED_ADDRESS");
            assertThat(attempt.get("status")).isEqualTo(0);
            assertThat(received).hasValue(0);
        } finally {
            Api.staff().delete("/{id}", id.toHexString());
        }
    }

    private static Map<String, Object> firstAttempt(String webhook) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            List<Map<String, Object>> attempts = Api.staff()
                    .get("/{id}/deliveries", webhook)
                    .then()
                    .statusCode(200)
                    .extract()
                    .path("");
            if (!attempts.isEmpty()) {
                return attempts.get(attempts.size() - 1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no delivery attempt to " + webhook);
    }
}
