package com.adreview.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.surge.SurgeService;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Complaint surges through the API: advertisers and complaints to raise them, and the alerts and feed
 * entries they raise. Surges are checked after a complaint's 201, on the instance's surge worker: tests
 * wait for it ({@link #checked()}).
 */
public final class Surges {

    private static final AtomicInteger REPORTERS = new AtomicInteger();

    private Surges() {}

    /** Waits until every complaint recorded so far has been checked for surges (and counted by category). */
    public static void checked() {
        SurgeService surges = Arc.container().instance(SurgeService.class).get();
        assertThat(surges.awaitChecked(Duration.ofSeconds(30)))
                .as("complaints checked for surges")
                .isTrue();
    }

    /** A new advertiser with one live ad in the category: its account. */
    public static String newAdvertiser(String category) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity().with("category", category);
        Api.submit(ad).statusCode(201);
        return ad.json().at("/advertiser/accountId").asText();
    }

    /**
     * A USER complaint against the account, received at the given moment (back-dated: entered late), each
     * from a reporter of its own; not waiting for its surge check.
     */
    public static void complain(String account, Instant receivedAt, String category, String description) {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account + "\"},\"source\":\"USER\","
                        + "\"category\":\"" + category + "\",\"description\":\"" + description
                        + "\",\"reporterId\":\"surge-reporter-" + REPORTERS.incrementAndGet() + "\",\"receivedAt\":\""
                        + receivedAt + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    /** Every alert of the subject, through the alerts API. */
    public static List<Map<String, Object>> alertsOf(String subject) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            var request = Api.auditor().queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath json =
                    request.get("/v1/alerts").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = json.getList("items");
            items.stream().filter(a -> subject.equals(a.get("subject"))).forEach(out::add);
            cursor = json.getString("next");
            if (cursor == null) {
                break;
            }
        }
        return out;
    }

    /** The feed's SURGE_ALERT entries after the cursor. */
    public static List<Map<String, Object>> surgeEntriesAfter(long cursor) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (int page = 0; page < 1000; page++) {
            JsonPath json = surgePage(cursor);
            all.addAll(json.getList("items"));
            long next = json.getLong("next");
            if (next == cursor) {
                break;
            }
            cursor = next;
        }
        return all;
    }

    /** Where the feed's SURGE_ALERT entries end now: a cursor to read the next ones after. */
    public static long feedEnd() {
        long cursor = 0;
        for (int page = 0; page < 10_000; page++) {
            long next = surgePage(cursor).getLong("next");
            if (next == cursor) {
                break;
            }
            cursor = next;
        }
        return cursor;
    }

    private static JsonPath surgePage(long after) {
        return Api.staff()
                .queryParam("after", after)
                .queryParam("limit", 100)
                .queryParam("kind", "SURGE_ALERT")
                .get("/v1/ads/changes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
