package com.adreview.security;

import static com.mongodb.client.model.Filters.eq;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.ShortClocksProfile;
import com.adreview.testing.StoreCommands;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An instance answers for a gateway's key from memory for {@code key-memory} after reading it: a steady
 * stream of requests reads the key once, a revocation on this instance holds from the next request on,
 * and one made elsewhere (written to the store as another instance would) holds here once the memory of
 * the key has run out.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(ShortClocksProfile.class)
class ApiKeyMemoryTest {

    private static final Duration MEMORY = ShortClocksProfile.KEY_MEMORY;

    @Inject
    MongoDatabase database;

    @Inject
    StoreCommands commands;

    /** A new entity's account, with a first ad submitted by its gateway. */
    private record Gateway(String account, String submission) {}

    private static Gateway gateway() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = ad.json().get("advertiser").get("accountId").asText();
        return new Gateway(account, Api.submitted(ad));
    }

    private int read(String key, String submission, String label) {
        return given().header(Api.API_KEY, key)
                .header(StoreCommands.HEADER, label)
                .get("/v1/submissions/{id}", submission)
                .then()
                .extract()
                .statusCode();
    }

    @Test
    void aRememberedKeyIsNotReadAgainAndAWrongSecretIsStillRefused() {
        Gateway gateway = gateway();
        String key = Api.newKey(gateway.account());
        String submission = gateway.submission();
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        long start = System.nanoTime();
        assertThat(read(key, submission, first)).isEqualTo(200);
        assertThat(read(key, submission, second)).isEqualTo(200);
        if (System.nanoTime() - start < MEMORY.toNanos()) {
            assertThat(commands.of(second))
                    .as("the second request within the key's memory reads no key")
                    .noneMatch(c -> "apiKeys".equals(c.collection()));
        }
        String wrongSecret = key.substring(0, key.lastIndexOf('_') + 1) + "A".repeat(43);
        assertThat(read(wrongSecret, submission, "wrong-" + UUID.randomUUID())).isEqualTo(401);
    }

    @Test
    void aRevocationHereHoldsAtOnceAndOneElsewhereWithinTheMemory() throws Exception {
        Gateway gateway = gateway();
        String here = Api.newKey(gateway.account());
        String elsewhere = Api.newKey(gateway.account());
        String submission = gateway.submission();
        assertThat(read(here, submission, "warm-" + UUID.randomUUID())).isEqualTo(200);
        assertThat(read(elsewhere, submission, "warm-" + UUID.randomUUID())).isEqualTo(200);

        String hereId = here.split("_")[1];
        Api.admin().delete("/v1/api-keys/{id}", hereId).then().statusCode(200);
        assertThat(read(here, submission, "after-" + UUID.randomUUID()))
                .as("revoked on this instance: refused from the next request on")
                .isEqualTo(401);

        // Another instance revokes the second key: the store changes, this instance is not told.
        String elsewhereId = elsewhere.split("_")[1];
        long revokedAt = System.nanoTime();
        database.getCollection(ApiKeyService.COLLECTION)
                .updateOne(eq("_id", elsewhereId), Updates.set("revokedAt", new Date()));
        long refusedAt = -1;
        while (System.nanoTime() - revokedAt < MEMORY.toNanos() * 3) {
            if (read(elsewhere, submission, "poll-" + UUID.randomUUID()) == 401) {
                refusedAt = System.nanoTime();
                break;
            }
            Thread.sleep(100);
        }
        assertThat(refusedAt)
                .as("a key revoked elsewhere is refused here once its memory runs out")
                .isPositive();
        assertThat(Duration.ofNanos(refusedAt - revokedAt))
                .as("refused within the key's memory (and the time of one request)")
                .isLessThanOrEqualTo(MEMORY.plusSeconds(1));
    }
}
