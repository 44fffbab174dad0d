package com.adreview.simulation;

import static com.adreview.simulation.SimulationResourceTest.CAPITAL;
import static com.adreview.simulation.SimulationResourceTest.RAISED;
import static com.adreview.simulation.SimulationResourceTest.p2p;
import static com.adreview.simulation.SimulationResourceTest.status;
import static com.adreview.simulation.SimulationResourceTest.zip;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A candidate installed as the shadow pack decides every new submission too, and changes none. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ShadowResourceTest {

    static final String PATH = "/v1/policy/shadow";

    @AfterEach
    void removeIt() {
        Api.admin().delete(PATH); // whatever a failed test left installed
    }

    static JsonPath shadow() {
        return Api.auditor().get(PATH).then().statusCode(200).extract().jsonPath();
    }

    static long transitions(JsonPath s, String from, String to) {
        return s.<Map<String, Object>>getList("summary.transitions").stream()
                .filter(t -> t.get("from").equals(from) && t.get("to").equals(to))
                .mapToLong(t -> ((Number) t.get("count")).longValue())
                .sum();
    }

    @Test
    void theShadowDecidesEveryNewSubmissionTooAndItsDisagreementsAreCountedNotApplied() throws Exception {
        String version = zip(Api.admin(), CandidateArchives.p2pCapitalRaisedTo(RAISED))
                .put(PATH)
                .then()
                .statusCode(200)
                .body("installedBy", equalTo("user:admin"))
                .body("summary.decided", equalTo(0))
                .extract()
                .path("candidate.version");

        TestPackages below = p2p(CAPITAL);
        String belowAccount = below.json().at("/advertiser/accountId").asText();
        String approved = submit(below, "APPROVED"); // the shadow would reject it; the pack in force decides
        submit(p2p(200_000_000L), "APPROVED");

        JsonPath s = shadow();
        assertThat(s.getString("candidate.version")).isEqualTo(version);
        assertThat(s.getLong("summary.decided")).isGreaterThanOrEqualTo(2);
        assertThat(s.getLong("notCompared")).isZero(); // the worker kept up: every decision is counted
        assertThat(transitions(s, "APPROVED", "REJECTED")).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> mine = s.<Map<String, Object>>getList("samples").stream()
                .filter(x -> belowAccount.equals(x.get("accountId")))
                .toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0)).containsEntry("from", "APPROVED").containsEntry("to", "REJECTED");
        assertThat((List<Map<String, Object>>) mine.get(0).get("appearing"))
                .extracting(f -> f.get("ruleId"))
                .containsExactly("capital-below-minimum");
        assertThat(s.<Map<String, Object>>getList("summary.rules"))
                .anySatisfy(r -> assertThat(r.get("name")).isEqualTo("capital-below-minimum"));
        assertThat(status(approved)).isEqualTo("APPROVED");

        // The console shows the same: the transition chart with its numbers, the rule, the disagreement.
        String page = Api.auditor()
                .accept("text/html")
                .get("/console/shadow")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("id=\"shadow-chart\"", "APPROVED → REJECTED", "capital-below-minimum", belowAccount)
                .contains("<code id=\"shadow-version\">" + version + "</code>")
                .contains("DECIDING")
                .doesNotContain("<script");
        Api.as("li").accept("text/html").get("/console/shadow").then().statusCode(403);

        // Removed: its counts are final, and new submissions are no longer decided under it.
        JsonPath removed = Api.admin()
                .delete(PATH)
                .then()
                .statusCode(200)
                .body("removedAt", notNullValue())
                .body("removedBy", equalTo("user:admin"))
                .extract()
                .jsonPath();
        long decided = removed.getLong("summary.decided");
        submit(p2p(CAPITAL), "APPROVED");
        assertThat(shadow().getLong("summary.decided")).isEqualTo(decided);
        Api.admin().delete(PATH).then().statusCode(404);
        assertThat(Api.auditor()
                        .accept("text/html")
                        .get("/console/shadow")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("REMOVED")
                .contains("by user:admin");

        assertThat(Api.auditor()
                        .queryParam("subject", "policyShadow")
                        .queryParam("limit", 100)
                        .get("/v1/audit/events")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("items.action"))
                .contains("POLICY_SHADOW_INSTALLED", "POLICY_SHADOW_REMOVED");
    }

    @Test
    void onlyAdminsInstallOrRemoveAndAnInvalidCandidateIsRefusedWithFileAndLine() {
        byte[] candidate = CandidateArchives.p2pCapitalRaisedTo(RAISED);
        zip(Api.as("author"), candidate).put(PATH).then().statusCode(403);
        zip(Api.as("li"), candidate).put(PATH).then().statusCode(403);
        zip(Api.gateway("acct-shadow-gateway"), candidate).put(PATH).then().statusCode(403);
        Api.auditor().delete(PATH).then().statusCode(403);
        Api.as("li").get(PATH).then().statusCode(403);

        byte[] bad = CandidateArchives.shippedWith(
                "rules/credentials.yaml", y -> y.replaceFirst("topic: CAPITAL_BELOW_MINIMUM", "topic: NO_SUCH_TOPIC"));
        zip(Api.admin(), bad)
                .put(PATH)
                .then()
                .statusCode(422)
                .body("errors.field", hasItem("rules/credentials.yaml:134"));
    }

    @Test
    void aLiveAdDecidedAgainIsCountedAsPulledWhenTheShadowWouldRejectIt() {
        // Installed from a gzipped tar this time (`tar -czf policies.tgz policies`).
        Map<String, byte[]> files = new java.util.TreeMap<>();
        CandidateArchives.shippedPack()
                .forEach((k, v) -> files.put(
                        "policies/" + k,
                        (k.equals("pack.yaml")
                                        ? v.replaceFirst(
                                                "(P2P_LENDING:\\n    minOperatingMonths: 24\\n    minCapital: )50000000",
                                                "$1" + RAISED)
                                        : v)
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Api.admin()
                .contentType("application/gzip")
                .body(CandidateArchives.tar(files, true))
                .put(PATH)
                .then()
                .statusCode(200);

        TestPackages below = p2p(CAPITAL);
        String account = below.json().at("/advertiser/accountId").asText();
        String creditCode = below.json().at("/advertiser/creditCode").asText();
        String live = submit(below, "APPROVED");

        // A complaint re-decides the entity's live ads; the pack in force keeps this one, the shadow would pull it.
        Api.staff()
                .contentType(io.restassured.http.ContentType.JSON)
                .body("{\"subject\":{\"creditCode\":\"" + creditCode + "\"},\"source\":\"USER\","
                        + "\"category\":\"OTHER\",\"description\":\"客服回复慢\",\"reporterId\":\"user-"
                        + java.util.UUID.randomUUID() + "\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);

        JsonPath s = shadow();
        assertThat(transitions(s, "APPROVED", "PULLED")).isGreaterThanOrEqualTo(1);
        List<Map<String, Object>> mine = s.<Map<String, Object>>getList("samples").stream()
                .filter(x -> account.equals(x.get("accountId")))
                .toList();
        assertThat(mine)
                .extracting(x -> x.get("from") + "→" + x.get("to"))
                .containsExactlyInAnyOrder("APPROVED→REJECTED", "APPROVED→PULLED"); // at intake, then live
        assertThat(status(live)).isEqualTo("APPROVED");
    }
}
