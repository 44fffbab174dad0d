package com.adreview.simulation;

import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.FeedReader;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A candidate pack simulated through the API: the worked example of the README (the P2P capital
 * minimum raised), its exact effect on this test's ads, and that the simulation changes nothing.
 *
 * <p>The store is shared with the other tests, whose ads are live too: the ads here have a registered
 * capital of exactly CNY 60,000,000 and the candidate's minimum is 60,000,001, so that only ads with a
 * capital in that one-yuan window (these) are pulled by it; the counts of the whole simulation are
 * checked against its pages of affected ads.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SimulationResourceTest {

    static final long CAPITAL = 60_000_000L;
    static final long RAISED = CAPITAL + 1;
    static final String PATH = "/v1/policy/simulations";

    static TestPackages p2p(long capital) {
        return TestPackages.example("01-approved-p2p")
                .asNewEntity()
                .with("advertiser.registeredCapital.amount", capital);
    }

    static String status(String submission) {
        return Api.staff()
                .get("/v1/submissions/{id}", submission)
                .then()
                .extract()
                .path("status");
    }

    static RequestSpecification zip(RequestSpecification as, byte[] archive) {
        return as.contentType("application/zip").body(archive);
    }

    static String simulate(byte[] archive) {
        return zip(Api.admin(), archive)
                .post(PATH)
                .then()
                .statusCode(201)
                .body("state", equalTo("QUEUED"))
                .extract()
                .path("id");
    }

    static JsonPath awaitEnd(String id) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            JsonPath s = Api.admin()
                    .get(PATH + "/{id}", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            String state = s.getString("state");
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("simulation " + id + " did not end in time");
    }

    /** Every affected ad of the simulation's scope, by submission id (paged, bounded). */
    static Map<String, Map<String, Object>> affected(String id, String scope) {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        String cursor = null;
        for (int page = 0; page < 200; page++) {
            var request = Api.auditor().queryParam("scope", scope).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath p = request.get(PATH + "/{id}/ads", id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            for (Map<String, Object> item : p.<Map<String, Object>>getList("items")) {
                assertThat(all.put((String) item.get("submissionId"), item))
                        .as("each ad once")
                        .isNull();
            }
            cursor = p.getString("next");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("more affected ads than this test reads");
    }

    static long lastAuditSeq() {
        long after = 0;
        for (int page = 0; page < 10_000; page++) {
            JsonPath p = Api.auditor()
                    .queryParam("after", after)
                    .queryParam("limit", 100)
                    .get("/v1/audit/events")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = p.getList("items");
            if (!items.isEmpty()) {
                after = ((Number) items.get(items.size() - 1).get("seq")).longValue();
            }
            if (p.get("next") == null) {
                return after;
            }
        }
        throw new AssertionError("audit trail longer than this test reads");
    }

    static List<Map<String, Object>> auditAfter(long seq) {
        return Api.auditor()
                .queryParam("after", seq)
                .queryParam("limit", 100)
                .get("/v1/audit/events")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items");
    }

    @Test
    void raisingTheP2pCapitalMinimumWouldPullExactlyTheLiveAdsBelowItAndChangesNothing() throws Exception {
        String pulled1 = submit(p2p(CAPITAL), "APPROVED");
        String pulled2 = submit(p2p(CAPITAL), "APPROVED");
        String wealthy = submit(p2p(200_000_000L), "APPROVED");
        String credit = submit(p2p(CAPITAL).with("category", "CONSUMER_CREDIT"), "APPROVED");
        String waiting = submit(
                p2p(CAPITAL).with("creative.landingUrl", "https://www.elsewhere-" + UUID.randomUUID() + ".cn/"),
                "PENDING_REVIEW");
        Map<String, String> before = new HashMap<>();
        for (String s : List.of(pulled1, pulled2, wealthy, credit, waiting)) {
            before.put(s, status(s));
        }
        long feedEnd = FeedReader.end();
        long auditEnd = lastAuditSeq();

        String id = simulate(CandidateArchives.p2pCapitalRaisedTo(RAISED));
        JsonPath done = awaitEnd(id);

        assertThat(done.getString("state")).isEqualTo("DONE");
        assertThat(done.getString("candidate.version")).startsWith("sha256:");
        assertThat(done.getString("inForce.version"))
                .isEqualTo(Api.staff().get("/v1/policy").then().extract().path("version"))
                .isNotEqualTo(done.getString("candidate.version"));
        assertThat(done.getInt("progress.partsDone")).isEqualTo(done.getInt("progress.parts"));
        assertThat(done.getLong("live.decided")).isGreaterThanOrEqualTo(5);
        assertThat(done.getString("recent")).isNull();

        Map<String, Map<String, Object>> ads = affected(id, "LIVE");
        // This test's ads: exactly the three below the new minimum, each with the capital finding appearing.
        assertThat(ads).containsKeys(pulled1, pulled2, waiting).doesNotContainKeys(wealthy, credit);
        for (String s : List.of(pulled1, pulled2)) {
            assertThat(ads.get(s)).containsEntry("from", "APPROVED").containsEntry("to", "PULLED");
        }
        assertThat(ads.get(waiting)).containsEntry("from", "PENDING_REVIEW").containsEntry("to", "REJECTED");
        for (String s : List.of(pulled1, pulled2, waiting)) {
            List<Map<String, Object>> appearing =
                    (List<Map<String, Object>>) ads.get(s).get("appearing");
            assertThat(appearing).extracting(f -> f.get("ruleId")).containsExactly("capital-below-minimum");
            assertThat((String) appearing.get(0).get("message")).contains("60,000,001");
            assertThat((List<?>) ads.get(s).get("disappearing")).isEmpty();
        }
        // The counts are those of the affected ads listed, whosever they are.
        Map<String, Long> transitions = new HashMap<>();
        ads.values().forEach(a -> transitions.merge(a.get("from") + "→" + a.get("to"), 1L, Long::sum));
        Map<String, Long> counted = new HashMap<>();
        for (Map<String, Object> t : done.<Map<String, Object>>getList("live.transitions")) {
            counted.put(t.get("from") + "→" + t.get("to"), ((Number) t.get("count")).longValue());
        }
        assertThat(counted).isEqualTo(transitions);
        assertThat(done.getLong("live.affected")).isEqualTo(ads.size());
        assertThat(counted.get("APPROVED→PULLED")).isGreaterThanOrEqualTo(2);
        assertThat(counted.get("PENDING_REVIEW→REJECTED")).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> rules = done.getList("live.rules");
        assertThat(rules).anySatisfy(r -> {
            assertThat(r.get("name")).isEqualTo("capital-below-minimum");
            assertThat(((Number) r.get("appearing")).longValue()).isEqualTo(ads.size());
            assertThat(((Number) r.get("disappearing")).longValue()).isZero();
        });
        assertThat(done.<Map<String, Object>>getList("live.topics"))
                .anySatisfy(t -> assertThat(t.get("name")).isEqualTo("CAPITAL_BELOW_MINIMUM"));
        assertThat(done.<Map<String, Object>>getList("live.categories"))
                .containsExactly(Map.of("category", "P2P_LENDING", "affected", ads.size()));

        // Nothing changed: the ads' statuses, the feed, and the trail but for the record of the request.
        for (var e : before.entrySet()) {
            assertThat(status(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
        // No ad changed status. (The feed's end itself may move: the simulation's own audit entry can be
        // the one a signed checkpoint follows, and checkpoints travel in the feed too.)
        assertThat(FeedReader.changesAfter(feedEnd)).isEmpty();
        List<Map<String, Object>> trail = auditAfter(auditEnd);
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0))
                .containsEntry("action", "POLICY_SIMULATED")
                .containsEntry("actor", "user:admin")
                .containsEntry("subject", "policySimulation:" + id);
        Map<String, Object> recorded = (Map<String, Object>) trail.get(0).get("after");
        assertThat(recorded)
                .containsEntry("candidateVersion", done.getString("candidate.version"))
                .containsEntry("inForceVersion", done.getString("inForce.version"));
    }

    @Test
    void pastSubmissionsAreReplayedInTheContextOfTheirIntakeOnRequest() throws Exception {
        String rejectedAtIntake = submit(p2p(CAPITAL), "APPROVED");

        String id = zip(Api.admin(), CandidateArchives.p2pCapitalRaisedTo(RAISED))
                .queryParam("recentDays", 1)
                .post(PATH)
                .then()
                .statusCode(201)
                .body("recentDays", equalTo(1))
                .extract()
                .path("id");
        JsonPath done = awaitEnd(id);

        assertThat(done.getString("state")).isEqualTo("DONE");
        Map<String, Map<String, Object>> recent = affected(id, "RECENT");
        assertThat(recent.get(rejectedAtIntake))
                .containsEntry("from", "APPROVED")
                .containsEntry("to", "REJECTED");
        assertThat(done.getLong("recent.affected")).isEqualTo(recent.size());
        assertThat(done.getLong("recent.decided")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anInvalidCandidateIsRefusedWithTheFileAndLineOfEachProblemAndNothingIsQueued() {
        byte[] bad = CandidateArchives.shippedWith(
                "rules/credentials.yaml", y -> y.replaceFirst("topic: CAPITAL_BELOW_MINIMUM", "topic: NO_SUCH_TOPIC"));
        List<String> before = newest();

        zip(Api.admin(), bad)
                .post(PATH)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("rules/credentials.yaml:134"));
        zip(Api.admin(), CandidateArchives.zip(Map.of("../pack.yaml", new byte[] {1})))
                .post(PATH)
                .then()
                .statusCode(422)
                .body("errors[0].field", equalTo("../pack.yaml"));
        zip(Api.admin(), CandidateArchives.p2pCapitalRaisedTo(RAISED))
                .queryParam("recentDays", "many")
                .post(PATH)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("recentDays"));

        assertThat(newest()).isEqualTo(before);
    }

    @Test
    void onlyAdminsAndPolicyAuthorsSimulateAndAuditorsRead() throws Exception {
        byte[] candidate = CandidateArchives.p2pCapitalRaisedTo(RAISED);
        zip(Api.gateway("acct-simulation-gateway"), candidate).post(PATH).then().statusCode(403);
        zip(Api.as("li"), candidate).post(PATH).then().statusCode(403);
        zip(Api.auditor(), candidate).post(PATH).then().statusCode(403);
        zip(Api.anyone(), candidate).post(PATH).then().statusCode(401);

        String id = zip(Api.as("author"), candidate)
                .post(PATH)
                .then()
                .statusCode(201)
                .body("createdBy", equalTo("user:author"))
                .extract()
                .path("id");
        Api.auditor().get(PATH + "/{id}", id).then().statusCode(200);
        Api.as("li").get(PATH + "/{id}", id).then().statusCode(403);
        Api.gateway("acct-simulation-gateway")
                .get(PATH + "/{id}/ads", id)
                .then()
                .statusCode(403);
        Api.auditor().delete(PATH + "/{id}", id).then().statusCode(403);
        Api.admin().get(PATH + "/{id}", "no-such-id").then().statusCode(404);
        awaitEnd(id);
    }

    @Test
    void aCancelledSimulationStopsAndAnEndedOneCannotBeCancelled() throws Exception {
        String id = simulate(CandidateArchives.p2pCapitalRaisedTo(RAISED));
        int answer =
                Api.as("author").delete(PATH + "/{id}", id).then().extract().statusCode();
        JsonPath end = awaitEnd(id);
        if (answer == 200) {
            assertThat(end.getString("state")).isEqualTo("CANCELLED");
            assertThat(end.getString("cancelledBy")).isEqualTo("user:author");
            Thread.sleep(500); // a runner that was mid-step does not bring it back
            assertThat(awaitEnd(id).getString("state")).isEqualTo("CANCELLED");
            assertThat(Api.auditor()
                            .queryParam("subject", "policySimulation:" + id)
                            .get("/v1/audit/events")
                            .then()
                            .extract()
                            .jsonPath()
                            .<String>getList("items.action"))
                    .containsExactly("POLICY_SIMULATED", "POLICY_SIMULATION_CANCELLED");
        } else {
            assertThat(answer).isEqualTo(409);
            assertThat(end.getString("state")).isEqualTo("DONE");
        }
        Api.admin().delete(PATH + "/{id}", id).then().statusCode(409);
    }

    static List<String> newest() {
        return Api.admin().get(PATH).then().statusCode(200).extract().jsonPath().getList("id");
    }
}
