package com.adreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.Surges;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's complaint-surge alerts: the banner, the page, acknowledging, and an admin's suspension. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AlertConsolePageTest {

    private static final RestAssuredConfig UTF8 = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig().defaultCharsetForContentType("UTF-8", ContentType.URLENC));

    private static String newAdvertiser(String category) {
        return Surges.newAdvertiser(category);
    }

    private static void complain(String account, Instant receivedAt) {
        Surges.complain(account, receivedAt, "FRAUD", "中奖后要求先交税");
        Surges.checked();
    }

    private static String alertOf(String scope, String subject) {
        List<Map<String, Object>> items = Api.auditor()
                .queryParam("state", "OPEN")
                .queryParam("limit", 100)
                .get("/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
        return items.stream()
                .filter(a -> scope.equals(a.get("scope")) && subject.equals(a.get("subject")))
                .map(a -> (String) a.get("id"))
                .findFirst()
                .orElse(null);
    }

    @Test
    void anOpenAlertShowsABannerAndIsAcknowledgedFromItsPage() {
        String account = newAdvertiser("ECOMMERCE");
        Instant now = Instant.now();
        for (int i = 0; i < 10; i++) {
            complain(account, now.minus(Duration.ofHours(30 - i)));
        }
        String id = alertOf("ENTITY", "account:" + account);
        assertThat(id).isNotNull();

        Api.as("li").get("/console").then().statusCode(200).body(containsString("id=\"alert-banner\""));
        Api.auditor()
                .get("/console/alerts")
                .then()
                .statusCode(200)
                .body(containsString("data-alert=\"" + id + "\""))
                .body(containsString("<svg class=\"trend\""))
                .body(containsString("<desc id=\"trend-desc-" + id + "\">Oldest first: "))
                .body(not(containsString("class=\"acknowledge\"")));
        Api.as("li")
                .get("/console/alerts")
                .then()
                .body(containsString("action=\"/console/alerts/" + id + "/acknowledgement\""))
                .body(not(containsString("/console/alerts/" + id + "/suspension")));

        // An auditor may not act; a form from another site is refused.
        Api.auditor().post("/console/alerts/{id}/acknowledgement", id).then().statusCode(403);
        Api.as("li")
                .header("Origin", "https://evil.example")
                .post("/console/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(403);
        Api.as("li")
                .config(UTF8)
                .redirects()
                .follow(false)
                .formParam("note", "<script>alert(1)</script> 已联系商家")
                .post("/console/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(303)
                .header("Location", containsString("/console/alerts"));
        Api.auditor()
                .get("/v1/alerts/{id}", id)
                .then()
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgement.by", equalTo("user:li"));
        Api.auditor()
                .get("/console/alerts?state=ALL")
                .then()
                .body(containsString("&lt;script&gt;alert(1)&lt;/script&gt; 已联系商家"))
                .body(not(containsString("<script>alert(1)")));
        // Acknowledging again comes back with why not.
        Api.as("li")
                .redirects()
                .follow(false)
                .post("/console/alerts/{id}/acknowledgement", id)
                .then()
                .statusCode(303)
                .header("Location", containsString("acknowledged"));
        Api.as("li").get("/console/alerts?state=NOPE").then().statusCode(400).contentType(containsString("text/html"));
    }

    @Test
    void anAdminSuspendsAnAlertingCategoryFromItsAlertAndTheAlertIsAcknowledged() throws Exception {
        // Five lottery advertisers each draw a few complaints this week: the category rises as a whole.
        Instant now = Instant.now();
        for (int e = 0; e < 5; e++) {
            String account = newAdvertiser("LOTTERY_PROMOTION");
            complain(account, now.minus(Duration.ofHours(20 + e)));
            complain(account, now.minus(Duration.ofHours(10 + e)));
        }
        String id = alertOf("CATEGORY", "LOTTERY_PROMOTION");
        assertThat(id).as("the category's alert").isNotNull();
        Api.auditor()
                .get("/v1/alerts/{id}", id)
                .then()
                .body("recommendation.action", equalTo("SUSPEND_CATEGORY"))
                .body("recommendation.href", equalTo("/v1/suspensions"));
        // Nothing was suspended by the alert itself.
        List<Map<String, Object>> before =
                Api.staff().get("/v1/suspensions").jsonPath().getList("$");
        assertThat(before).noneMatch(s -> "LOTTERY_PROMOTION".equals(s.get("category")) && s.get("liftedAt") == null);

        Api.admin()
                .get("/console/alerts")
                .then()
                .body(containsString("action=\"/console/alerts/" + id + "/suspension\""));
        Api.as("li").post("/console/alerts/{id}/suspension", id).then().statusCode(403);

        Api.admin()
                .config(UTF8)
                .redirects()
                .follow(false)
                .formParam("reason", "彩票类投诉激增 lottery complaints rising across five advertisers")
                .post("/console/alerts/{id}/suspension", id)
                .then()
                .statusCode(303)
                .header("Location", containsString("LOTTERY_PROMOTION"));
        Map<String, Object> suspension =
                Api.staff().get("/v1/suspensions").jsonPath().<Map<String, Object>>getList("$").stream()
                        .filter(s -> "LOTTERY_PROMOTION".equals(s.get("category")) && s.get("liftedAt") == null)
                        .findFirst()
                        .orElseThrow();
        assertThat((String) suspension.get("reason")).contains("lottery complaints rising");
        Api.auditor()
                .get("/v1/alerts/{id}", id)
                .then()
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledgement.by", equalTo("user:admin"))
                .body("acknowledgement.note", containsString((String) suspension.get("id")));

        // Other stories share this store: the suspension ends with this one, once its sweep is done.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"DONE"
                .equals(Api.staff()
                        .get("/v1/suspensions/{id}", suspension.get("id"))
                        .path("sweep"))) {
            assertThat(Instant.now()).isBefore(deadline);
            Thread.sleep(100);
        }
        Api.admin().delete("/v1/suspensions/{id}", suspension.get("id")).then().statusCode(200);
    }
}
