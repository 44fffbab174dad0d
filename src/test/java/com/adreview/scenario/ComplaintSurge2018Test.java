package com.adreview.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * 2018 again, but seen coming: the same 429 complaints against forty P2P platforms (CNY 40 million in
 * all) arrive over eight weeks, slowly at first and faster each week, while a control category beside it
 * draws its steady trickle of complaints. Complaints are entered with the moment they were received, in
 * order, as a complaint desk working through its inbox would; each is checked as of its arrival. The
 * category's alert must be open before a quarter of the wave has arrived, recommending a suspension that
 * nobody has made; the control category raises none; and the platforms that cross a line are pulled
 * exactly as without alerts.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ComplaintSurge2018Test {

    private static final int PLATFORMS = 40;
    private static final int CONTROL_PLATFORMS = 8;
    private static final String CONTROL = "CONSUMER_CREDIT";

    private record Platform(String submissionId, String domain) {}

    private record Complaint(Instant at, Platform platform, String source, BigDecimal amount, boolean wave) {}

    private static int reporters;

    private static Platform advertise(String category, String adId) {
        TestPackages ad = TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("category", category)
                .with("adId", adId);
        String id = Api.submit(ad).statusCode(201).extract().path("id");
        return new Platform(id, ad.json().at("/product/domain").asText());
    }

    private static void post(Complaint c) {
        String amount = c.amount == null
                ? ""
                : ",\"amountInvolved\":{\"amount\":" + c.amount.toPlainString() + ",\"currency\":\"CNY\"}";
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"" + c.platform.domain + "\"},\"source\":\"" + c.source
                        + "\",\"category\":\"WITHDRAWAL_BLOCKED\"" + amount
                        + ",\"description\":\"平台逾期，无法提现\",\"reporterId\":\"lender-" + (++reporters)
                        + "\",\"receivedAt\":\"" + c.at + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
        com.adreview.testing.Surges.checked();
    }

    /** Open category alerts for the category opened since the moment given (newest first: the first page holds them). */
    private static List<Map<String, Object>> categoryAlerts(String category, Instant since) {
        JsonPath page = Api.auditor()
                .queryParam("limit", 100)
                .get("/v1/alerts")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> items = page.getList("items");
        return items.stream()
                .filter(a -> "CATEGORY".equals(a.get("scope")) && category.equals(a.get("subject")))
                .filter(a -> !Instant.parse((String) a.get("openedAt")).isBefore(since))
                .toList();
    }

    private static String status(Platform p) {
        return Api.staff()
                .get("/v1/submissions/{id}", p.submissionId)
                .then()
                .extract()
                .path("status");
    }

    @Test
    void theCategoryAlertOpensEarlyTheControlStaysQuietAndPullsHappenAsBefore() {
        // A clean slate for the two categories: any alert another story left open is acknowledged.
        for (String category : List.of("P2P_LENDING", CONTROL)) {
            for (Map<String, Object> open : categoryAlerts(category, Instant.EPOCH)) {
                if ("OPEN".equals(open.get("state"))) {
                    Api.admin()
                            .contentType(ContentType.JSON)
                            .post("/v1/alerts/{id}/acknowledgement", open.get("id"))
                            .then()
                            .statusCode(200);
                }
            }
        }
        Instant started = Instant.now();
        List<Platform> platforms = new ArrayList<>();
        for (int i = 0; i < PLATFORMS; i++) {
            platforms.add(advertise("P2P_LENDING", "p2p-" + i));
        }
        List<Platform> control = new ArrayList<>();
        for (int i = 0; i < CONTROL_PLATFORMS; i++) {
            control.add(advertise(CONTROL, "credit-" + i));
        }

        // The wave: the 429 complaints of 2018, distributed over the platforms as the crisis story has them.
        List<Complaint> wave = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            for (int k = 0; k < 25; k++) {
                wave.add(new Complaint(null, platforms.get(i), "USER", new BigDecimal("100000"), true));
            }
        }
        for (int k = 0; k < 10; k++) {
            wave.add(new Complaint(null, platforms.get(10), "USER", new BigDecimal("1000000"), true));
        }
        wave.add(new Complaint(null, platforms.get(11), "REGULATOR", new BigDecimal("500000"), true));
        for (int i = 12; i < PLATFORMS; i++) {
            for (int k = 0; k < 6; k++) {
                BigDecimal amount = i == 12 && k == 0 ? new BigDecimal("492000") : new BigDecimal("24000");
                wave.add(new Complaint(null, platforms.get(i), "USER", amount, true));
            }
        }
        assertThat(wave).hasSize(429);
        assertThat(wave.stream().map(Complaint::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("40000000");

        // Over eight weeks ending yesterday, rising: the i-th complaint at T·√(i/429), so as many arrive in
        // the last week as in the first five.
        Random random = new Random(2018);
        Collections.shuffle(wave, random);
        Instant now = Instant.now();
        Instant waveStart = now.minus(Duration.ofDays(57));
        long span = Duration.ofDays(56).toMillis();
        List<Complaint> all = new ArrayList<>();
        for (int i = 0; i < wave.size(); i++) {
            Complaint c = wave.get(i);
            long offset = (long) (span * Math.sqrt((i + 0.5) / wave.size()));
            all.add(new Complaint(waveStart.plusMillis(offset), c.platform, c.source, c.amount, true));
        }
        // Background: the control category's steady trickle (one complaint a day across its platforms) for
        // five months, and a few P2P complaints in the quarter before the wave (outside today's 90-day records).
        for (int day = 150; day >= 1; day--) {
            Instant at = now.minus(Duration.ofDays(day)).plus(Duration.ofMinutes(random.nextInt(1_400)));
            all.add(new Complaint(at, control.get(random.nextInt(CONTROL_PLATFORMS)), "USER", null, false));
            if (day > 92 && day % 9 == 0) {
                all.add(new Complaint(at, platforms.get(random.nextInt(PLATFORMS)), "USER", null, false));
            }
        }
        all.sort(Comparator.comparing(Complaint::at));

        int arrived = 0;
        Integer alertAt = null;
        for (Complaint c : all) {
            post(c);
            if (c.wave) {
                arrived++;
                if (alertAt == null && !categoryAlerts("P2P_LENDING", started).isEmpty()) {
                    alertAt = arrived;
                }
            }
        }
        assertThat(arrived).isEqualTo(429);
        assertThat(alertAt).as("the P2P category's alert opened").isNotNull();
        System.out.printf("The P2P category's alert opened after %d of the 429 wave complaints%n", alertAt);
        assertThat(alertAt)
                .as("wave complaints arrived when the category alert opened")
                .isLessThan(429 / 4);

        List<Map<String, Object>> p2p = categoryAlerts("P2P_LENDING", started);
        assertThat(p2p).hasSize(1);
        JsonPath alert = Api.auditor()
                .get("/v1/alerts/{id}", p2p.get(0).get("id"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(alert.getString("state")).isEqualTo("OPEN");
        assertThat(alert.getInt("numbers.entitiesRisingCount")).isGreaterThanOrEqualTo(5);
        assertThat(alert.getDouble("numbers.tailProbability")).isLessThan(0.001);
        assertThat(alert.getString("recommendation.action")).isEqualTo("SUSPEND_CATEGORY");
        assertThat(alert.getString("recommendation.category")).isEqualTo("P2P_LENDING");
        assertThat(alert.getString("recommendation.href")).isEqualTo("/v1/suspensions");
        assertThat(alert.getList("trend", Integer.class)).hasSize(28);
        // The alert kept up with the wave: its last numbers are of the last complaint's arrival.
        assertThat(Instant.parse(alert.getString("asOf"))).isAfter(now.minus(Duration.ofDays(2)));

        assertThat(categoryAlerts(CONTROL, started))
                .as("no alert for the control category")
                .isEmpty();

        // The per-entity pulls happen as before, and nothing was suspended: the rest of the category is live.
        Set<String> pulled = new HashSet<>();
        for (int i = 0; i < PLATFORMS; i++) {
            assertThat(status(platforms.get(i))).as("platform %d", i).isEqualTo(i <= 11 ? "PULLED" : "APPROVED");
            if (i <= 11) {
                pulled.add(platforms.get(i).submissionId);
            }
        }
        for (Platform p : control) {
            assertThat(status(p)).isEqualTo("APPROVED");
        }
        assertThat(pulled).hasSize(12);
    }
}
