package com.adreview.testing;

import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads the ad change feed through its API, as an ad server would. */
public final class FeedReader {

    private FeedReader() {}

    /** The feed position after its last entry now. */
    public static long end() {
        long cursor = 0;
        while (true) {
            long next = page(cursor, 100).getLong("next");
            if (next == cursor) {
                return cursor;
            }
            cursor = next;
        }
    }

    /** Every change after the cursor, read in small pages. */
    public static List<Map<String, Object>> changesAfter(long cursor) {
        List<Map<String, Object>> all = new ArrayList<>();
        while (true) {
            JsonPath page = page(cursor, 7);
            all.addAll(page.getList("items"));
            long next = page.getLong("next");
            if (next == cursor) {
                return all;
            }
            cursor = next;
        }
    }

    /** The changes of one submission after the cursor, in feed order. */
    public static List<Map<String, Object>> changesOf(String submissionId, long cursor) {
        return changesAfter(cursor).stream()
                .filter(c -> submissionId.equals(c.get("submissionId")))
                .toList();
    }

    private static JsonPath page(long cursor, int limit) {
        return Api.staff()
                .basePath("")
                .queryParam("after", cursor)
                .queryParam("limit", limit)
                .get("/v1/ads/changes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
