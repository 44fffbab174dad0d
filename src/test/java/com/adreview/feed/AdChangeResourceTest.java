package com.adreview.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(AdChangeResource.class)
class AdChangeResourceTest {

    /** Reads the feed to its current end and returns the cursor there (other tests write to it too). */
    private static long end() {
        long cursor = 0;
        while (true) {
            long next = Api.staff()
                    .queryParam("after", cursor)
                    .queryParam("limit", 100)
                    .get()
                    .then()
                    .extract()
                    .jsonPath()
                    .getLong("next");
            if (next == cursor) {
                return cursor;
            }
            cursor = next;
        }
    }

    private static List<Map<String, Object>> changesAfter(long cursor) {
        List<Map<String, Object>> all = new ArrayList<>();
        while (true) {
            JsonPath page = Api.staff()
                    .queryParam("after", cursor)
                    .queryParam("limit", 7)
                    .get()
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            all.addAll(page.getList("items"));
            long next = page.getLong("next");
            if (next == cursor) {
                return all;
            }
            cursor = next;
        }
    }

    @Test
    void everyStatusChangeOfAnAdAppearsInOrderAndTheFeedResumes() {
        long start = end();
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = Api.submit(ad, "APPROVED");
        Api.staff()
                .basePath("")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\""
                        + ad.json().at("/product/domain").asText()
                        + "\"},\"source\":\"REGULATOR\",\"category\":\"UNLICENSED\",\"description\":\"无牌经营\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);

        List<Map<String, Object>> mine = changesAfter(start).stream()
                .filter(c -> id.equals(c.get("submissionId")))
                .toList();

        assertThat(mine).hasSize(2);
        assertThat(mine.get(0)).containsEntry("to", "APPROVED").containsEntry("cause", "SUBMISSION");
        assertThat(mine.get(1))
                .containsEntry("from", "APPROVED")
                .containsEntry("to", "PULLED")
                .containsEntry("cause", "COMPLAINT");
        assertThat(((Number) mine.get(1).get("seq")).longValue())
                .isGreaterThan(((Number) mine.get(0).get("seq")).longValue());
    }

    @Test
    void concurrentWritersEachGetTheirOwnPlaceInTheFeed() throws Exception {
        long start = end();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
                ids.add(pool.submit(() -> Api.submit(ad, "APPROVED")));
            }
            List<String> submitted = new ArrayList<>();
            for (java.util.concurrent.Future<String> id : ids) {
                submitted.add(id.get());
            }
            List<Map<String, Object>> changes = changesAfter(start);
            assertThat(changes.stream().map(c -> (String) c.get("submissionId")).filter(submitted::contains))
                    .containsExactlyInAnyOrderElementsOf(submitted);
            assertThat(changes.stream()
                            .map(c -> ((Number) c.get("seq")).longValue())
                            .distinct())
                    .hasSize(changes.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readingPastTheEndReturnsNothingAndTheSameCursor() {
        long end = end();
        Api.staff()
                .queryParam("after", end + 1_000_000)
                .get()
                .then()
                .statusCode(200)
                .body("next", equalTo((int) (end + 1_000_000)));
    }

    @Test
    void badPositionsAndSizesAreNamed() {
        Api.staff().queryParam("after", -1).get().then().statusCode(400).body("errors[0].field", equalTo("after"));
        Api.staff().queryParam("after", "abc").get().then().statusCode(400).body("errors[0].field", equalTo("after"));
        Api.staff().queryParam("limit", 0).get().then().statusCode(400).body("errors[0].field", equalTo("limit"));
        Api.staff().queryParam("limit", "many").get().then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }
}
