package com.adreview.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.adreview.api.Idempotency;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/submissions/batch}: each package decided as if sent on its own in the batch's order, an
 * answer per package,
 * a refused package never stopping the others, one Idempotency-Key for the whole batch, and a body that
 * is not a batch refused whole with nothing stored.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SubmissionBatchTest {

    private static String batch(List<?> items) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode array = body.putArray("items");
        for (Object item : items) {
            array.add(item instanceof TestPackages p ? p.json() : TestPackages.JSON.valueToTree(item));
        }
        return body.toString();
    }

    private static String account(TestPackages ad) {
        return ad.json().at("/advertiser/accountId").asText();
    }

    private static ValidatableResponse post(String account, String body) {
        return Api.gateway(account)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/submissions/batch")
                .then();
    }

    private static ValidatableResponse revisions(String account, String adId) {
        return Api.staff()
                .queryParam("accountId", account)
                .get("/v1/ads/{adId}", adId)
                .then();
    }

    @Test
    void eachPackageIsDecidedOnItsOwnAndARefusedOneStopsNoOther() {
        TestPackages approved = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = account(approved);
        TestPackages rejected = TestPackages.example("03-rejected-filing-only").asNewEntity(account);
        TestPackages invalid = TestPackages.example("01-approved-p2p")
                .asNewEntity(account)
                .with("adId", "bad")
                .without("advertiser.creditCode");
        TestPackages otherAccount = TestPackages.example("01-approved-p2p").asNewEntity();
        TestPackages last =
                TestPackages.example("01-approved-p2p").asNewEntity(account).with("adId", "last");

        ValidatableResponse answer = post(account, batch(List.of(approved, rejected, invalid, otherAccount, last)))
                .statusCode(200)
                .body("stored", equalTo(3))
                .body("refused", equalTo(2))
                .body("items.index", contains(0, 1, 2, 3, 4))
                .body("items.status", contains(201, 201, 400, 403, 201))
                .body("items[0].submission.status", equalTo("APPROVED"))
                .body("items[1].submission.status", equalTo("REJECTED"))
                .body("items[2].submission", nullValue())
                .body("items[2].problem.status", equalTo(400))
                .body("items[2].problem.instance", equalTo("/v1/submissions/batch#/items/2"))
                .body("items[2].problem.errors.field", hasItem("advertiser.creditCode"))
                .body("items[3].problem.type", equalTo("urn:adreview:problem:forbidden"))
                .body("items[4].submission.adId", equalTo("last"));

        String firstId = answer.extract().path("items[0].submission.id");
        Api.gateway(account)
                .get("/v1/submissions/{id}", firstId)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));
        revisions(account, "bad").statusCode(404);
        revisions(account(otherAccount), otherAccount.json().get("adId").asText())
                .statusCode(404);
    }

    /**
     * A package of the account naming a product domain of the test's choosing (ICP filing and landing page
     * to match); its credit code and app id are new ones, which the account takes too.
     */
    private static TestPackages naming(String account, String adId, String domain) {
        return TestPackages.example("01-approved-p2p")
                .asNewEntity(account)
                .with("adId", adId)
                .with("product.domain", domain)
                .withList("icp.domains", domain)
                .with("creative.landingUrl", "https://www." + domain + "/");
    }

    private static void regulatorComplains(String domain) {
        Api.as("li")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"REGULATOR\","
                        + "\"category\":\"FRAUD\",\"description\":\"无法提现\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
    }

    /**
     * A batch decides each package as the same packages sent one after another would be: a package does
     * not borrow the record of an identifier that only a later package of the batch names first, and the
     * packages after that one do carry it.
     */
    @Test
    void aPackageSeesWhatThePackagesBeforeItClaimedAndNothingLater() {
        String complained = "batch-" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
        regulatorComplains(complained);

        List<String> statusesInBatch;
        List<String> statusesOneByOne = new java.util.ArrayList<>();
        {
            String account = account(TestPackages.example("01-approved-p2p").asNewEntity());
            String own = "own-" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
            statusesInBatch = post(
                            account,
                            batch(List.of(
                                    naming(account, "before", own),
                                    naming(account, "naming", complained),
                                    naming(account, "after", own))))
                    .statusCode(200)
                    .body("stored", equalTo(3))
                    .extract()
                    .path("items.submission.status");
        }
        {
            // The same packages of another entity, one request each, against a second complained domain.
            String second = "single-" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
            regulatorComplains(second);
            String account = account(TestPackages.example("01-approved-p2p").asNewEntity());
            String own = "own-" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
            for (TestPackages p : List.of(
                    naming(account, "before", own), naming(account, "naming", second), naming(account, "after", own))) {
                statusesOneByOne.add(Api.submit(p).statusCode(201).extract().path("status"));
            }
        }
        assertThat(statusesOneByOne).containsExactly("APPROVED", "REJECTED", "REJECTED");
        assertThat(statusesInBatch).isEqualTo(statusesOneByOne);
    }

    @Test
    void twoRevisionsOfOneAdAreStoredInTheBatchsOrder() {
        TestPackages first = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = account(first);
        String adId = first.json().get("adId").asText();
        TestPackages second = TestPackages.example("01-approved-p2p")
                .asNewEntity(account)
                .with("adId", adId)
                .with("creative.headline", "第二版标题");

        post(account, batch(List.of(first, second)))
                .statusCode(200)
                .body("items.submission.revision", contains(1, 2))
                .body("items[1].submission.package.creative.headline", equalTo("第二版标题"));
        revisions(account, adId).statusCode(200).body("currentRevision", equalTo(2));
    }

    @Test
    void oneIdempotencyKeyStandsForTheWholeBatch() {
        TestPackages a = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = account(a);
        TestPackages b =
                TestPackages.example("01-approved-p2p").asNewEntity(account).with("adId", "second");
        String body = batch(List.of(a, b));
        String key = "batch-" + UUID.randomUUID();

        List<String> ids = Api.gateway(account)
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/submissions/batch")
                .then()
                .statusCode(200)
                .extract()
                .path("items.submission.id");
        List<String> again = Api.gateway(account)
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/submissions/batch")
                .then()
                .statusCode(200)
                .header(Idempotency.REPLAYED, "true")
                .extract()
                .path("items.submission.id");
        assertThat(again).isEqualTo(ids).hasSize(2);
        revisions(account, a.json().get("adId").asText()).body("currentRevision", equalTo(1));
        revisions(account, "second").body("currentRevision", equalTo(1));

        Api.gateway(account)
                .header(Idempotency.HEADER, key)
                .contentType(ContentType.JSON)
                .body(batch(List.of(a)))
                .post("/v1/submissions/batch")
                .then()
                .statusCode(422);
    }

    @Test
    void aBodyThatIsNotABatchIsRefusedWholeAndStoresNothing() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = account(ad);
        String adId = ad.json().get("adId").asText();

        post(account, "{\"items\": [").statusCode(400).contentType("application/problem+json");
        post(account, "[]").statusCode(400);
        post(account, "{\"items\": []}").statusCode(400).body("errors[0].field", equalTo("items"));
        post(account, "{\"items\": {}}").statusCode(400).body("errors[0].field", equalTo("items"));
        post(account, "{\"items\": [" + ad.body() + "], \"mode\": \"fast\"}")
                .statusCode(400)
                .body("errors.field", contains("mode"));
        List<TestPackages> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i <= SubmissionResource.MAX_BATCH; i++) {
            tooMany.add(ad);
        }
        post(account, batch(tooMany))
                .statusCode(400)
                .body("errors[0].field", equalTo("items"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("1 to 100"));
        revisions(account, adId).statusCode(404);

        // Items that are not objects are refused one by one, as packages.
        post(account, "{\"items\": [42, " + ad.body() + "]}").statusCode(200).body("items.status", contains(400, 201));
    }

    @Test
    void onlyAGatewaySubmitsABatch() {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"items\": []}")
                .post("/v1/submissions/batch")
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .contentType(ContentType.JSON)
                .body("{\"items\": []}")
                .post("/v1/submissions/batch")
                .then()
                .statusCode(401);
    }
}
