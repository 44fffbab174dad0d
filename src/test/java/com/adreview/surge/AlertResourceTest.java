package com.adreview.surge;

import static com.adreview.testing.Surges.alertsOf;
import static com.adreview.testing.Surges.feedEnd;
import static com.adreview.testing.Surges.surgeEntriesAfter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.Surges;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Complaint-surge alerts of one entity, through the complaint and alert APIs. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AlertResourceTest {

    /** A new advertiser with one live ad: its account. */
    private static String newAdvertiser() {
        return Surges.newAdvertiser("ECOMMERCE");
    }

    /** A complaint against the account, received at the given moment (back-dated: entered late), checked. */
    private static void complain(String account, Instant receivedAt) {
        Surges.complain(account, receivedAt, "MISLEADING", "货不对板");
        Surges.checked();
    }

    @Test
    void anEntitysSurgeOpensOneAlertThatIsUpdatedAcknowledgedAndTold() {
        String account = newAdvertiser();
        String subject = "account:" + account;
        long feed = feedEnd();
        Instant now = Instant.now();
        // Nine complaints over the last three days: not yet enough to alarm.
        for (int i = 0; i < 9; i++) {
            complain(account, now.minus(Duration.ofHours(70 - i * 8L)));
        }
        assertThat(alertsOf(subject)).isEmpty();

        complain(account, now.minus(Duration.ofHours(2)));
        List<Map<String, Object>> alerts = alertsOf(subject);
        assertThat(alerts).hasSize(1);
        String id = (String) alerts.get(0).get("id");
        Api.auditor()
                .get("/v1/alerts/{id}", id)
                .then()
                .statusCode(200)
                .body("scope", equalTo("ENTITY"))
                .body("state", equalTo("OPEN"))
                .body("numbers.recentCount", equalTo(10))
                .body("numbers.recentDays", equalTo(7))
                .body("numbers.baselinePerDay", equalTo(0.0f))
                .body("numbers.tailProbability", org.hamcrest.Matchers.lessThan(1e-9f))
                .body("trend.size()", equalTo(28))
                .body("recommendation", org.hamcrest.Matchers.nullValue())
                .body("policyVersion", notNullValue());
        JsonPath trend = Api.auditor().get("/v1/alerts/{id}", id).jsonPath();
        assertThat(trend.getList("trend", Integer.class).stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .isEqualTo(10);

        // More complaints update the one open alert; none is duplicated.
        complain(account, now.minus(Duration.ofHours(1)));
        assertThat(alertsOf(subject)).hasSize(1);
        Api.auditor().get("/v1/alerts/{id}", id).then().body("numbers.recentCount", equalTo(11));
        Api.auditor()
                .queryParam("state", "OPEN")
                .queryParam("limit", 100)
                .get("/v1/alerts")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(id));

        // An auditor reads, a reviewer acknowledges.
        Api.auditor()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/v1/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(403);
        Api.as("guarded")
                .contentType(ContentType.JSON)
                .body("{\"note\":\"" + "x".repeat(2001) + "\"}")
                .post("/v1/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("note"));
        Api.as("guarded")
                .contentType(ContentType.JSON)
                .body("{\"note\":\"Seller contacted\"}")
                .post("/v1/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgement.by", equalTo("user:guarded"))
                .body("acknowledgement.note", equalTo("Seller contacted"));
        Api.as("guarded")
                .contentType(ContentType.JSON)
                .post("/v1/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(409);

        // Acknowledged: the same surge goes on quietly, no new alert.
        complain(account, now.minus(Duration.ofMinutes(30)));
        assertThat(alertsOf(subject)).hasSize(1);

        // The feed (and so every webhook subscriber) and the audit trail heard of the opening and the acknowledgement.
        List<Map<String, Object>> told = surgeEntriesAfter(feed).stream()
                .filter(e -> id.equals(e.get("alertId")))
                .toList();
        assertThat(told).extracting(e -> e.get("event")).containsExactly("OPENED", "ACKNOWLEDGED");
        assertThat(told).allSatisfy(e -> {
            assertThat(e.get("kind")).isEqualTo("SURGE_ALERT");
            assertThat(e.get("scope")).isEqualTo("ENTITY");
            assertThat(e.get("subject")).isEqualTo(subject);
        });
        Api.auditor()
                .queryParam("subject", "alert:" + id)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .body("items.action", org.hamcrest.Matchers.contains("SURGE_ALERT_OPENED", "SURGE_ALERT_ACKNOWLEDGED"));
    }

    @Test
    void aFewComplaintsAgainstAQuietEntityAreNoAlert() {
        String account = newAdvertiser();
        Instant now = Instant.now();
        for (int i = 0; i < 3; i++) {
            complain(account, now.minus(Duration.ofHours(5 - i)));
        }
        assertThat(alertsOf("account:" + account)).isEmpty();
    }

    @Test
    void anEntityUsedToComplaintsDoesNotAlarmAtItsUsualRate() {
        String account = newAdvertiser();
        Instant now = Instant.now();
        // Two complaints a week for thirteen weeks, this week included: steady, however many in all.
        for (int day = 90; day >= 0; day -= 3) {
            complain(account, now.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        assertThat(alertsOf("account:" + account)).isEmpty();
    }

    @Test
    void badRequestsAreNamedProblems() {
        Api.auditor().queryParam("state", "CLOSED").get("/v1/alerts").then().statusCode(400);
        Api.auditor().get("/v1/alerts/{id}", "nope").then().statusCode(404);
        Api.as("guarded")
                .contentType(ContentType.JSON)
                .post("/v1/alerts/{id}/acknowledgement", "0123456789abcdef01234567")
                .then()
                .statusCode(404);
        Api.anyone().get("/v1/alerts").then().statusCode(401);
        Api.gateway("acct-alerts-gw").get("/v1/alerts").then().statusCode(403);
    }
}
