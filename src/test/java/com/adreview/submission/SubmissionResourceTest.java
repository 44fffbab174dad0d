package com.adreview.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(SubmissionResource.class)
@SuppressWarnings("unchecked")
class SubmissionResourceTest {

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    private static ValidatableResponse submit(String body) {
        return Api.submitter()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post()
                .then();
    }

    @ParameterizedTest
    @MethodSource("com.adreview.testing.TestPackages#examples")
    void sharedExamplesGetTheirExpectedDecisionThroughTheApi(String name) throws Exception {
        JsonNode expect = TestPackages.exampleFile(name).get("expect");
        String account = unique("acct");
        TestPackages ad = TestPackages.example(name).asNewEntity(account);

        ValidatableResponse created = submit(ad.body())
                .statusCode(201)
                .contentType(ContentType.JSON)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/submissions/"))
                .body("status", equalTo(expect.get("status").asText()))
                .body("revision", equalTo(1))
                .body("accountId", equalTo(account))
                .body("decision.policyVersion", startsWith("sha256:"))
                .body("decision.decidedAt", org.hamcrest.Matchers.notNullValue());
        for (JsonNode topic : expect.get("topics")) {
            created.body("decision.findings.topic", hasItem(topic.asText()));
        }
        if (expect.get("topics").isEmpty()) {
            created.body("decision.findings", emptyIterable());
        }
        // The answer is made from the decision and package in hand; it must be the submission as stored and read.
        String answered = created.extract().asString();
        String id = created.extract().path("id");
        String read = Api.gateway(account)
                .get("/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(TestPackages.JSON.readTree(answered))
                .as("POST answer vs GET of %s", id)
                .isEqualTo(TestPackages.JSON.readTree(read));
    }

    @Test
    void contentEvidenceQuotesTheRawTextAndItsOffsets() {
        String body = "平台承诺保\u200b本，详情加 微-信，日息０.１%。";
        List<Map<String, Object>> findings = submit(TestPackages.example("01-approved-p2p")
                        .asNewEntity(unique("acct"))
                        .with("creative.body", body)
                        .body())
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body(
                        "decision.findings.topic",
                        hasItems("GUARANTEED_RETURN", "OFF_PLATFORM_CONTACT", "RATE_ABOVE_CAP"))
                .extract()
                .path("decision.findings");

        Map<String, String> quoted = new java.util.HashMap<>();
        for (Map<String, Object> finding : findings) {
            for (Map<String, Object> evidence : (List<Map<String, Object>>) finding.get("evidence")) {
                if ("creative.body".equals(evidence.get("field"))) {
                    int start = (Integer) evidence.get("start");
                    int end = (Integer) evidence.get("end");
                    assertThat(body.substring(start, end)).isEqualTo(evidence.get("text"));
                    // The phrase rules come first in the pack; a concept rule of the topic quotes its terms after.
                    quoted.putIfAbsent((String) finding.get("topic"), (String) evidence.get("text"));
                }
            }
        }
        assertThat(quoted)
                .containsEntry("GUARANTEED_RETURN", "保\u200b本")
                .containsEntry("OFF_PLATFORM_CONTACT", "加 微-信")
                .containsEntry("RATE_ABOVE_CAP", "日息０.１%");
        assertThat(findings)
                .filteredOn(f -> f.get("topic").equals("GUARANTEED_RETURN"))
                .extracting(f -> (String) f.get("message"))
                .singleElement()
                .asString()
                .contains("capital guarantee (保本)");
    }

    @Test
    void theStoredSubmissionIsWhereLocationPoints() {
        String account = unique("acct");
        String location = submit(TestPackages.example("03-rejected-filing-only")
                        .asNewEntity(account)
                        .body())
                .statusCode(201)
                .extract()
                .header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        Api.staff()
                .when()
                .get("/{id}", id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("REJECTED"))
                .body("current", equalTo(true))
                .body("package.icp.number", equalTo("粤ICP备17045678号-2"))
                .body(
                        "decision.findings.find { it.topic == 'ICP_NOT_COMMERCIAL' }.ruleId",
                        equalTo("icp-filing-for-financial"))
                .body(
                        "decision.findings.find { it.topic == 'ICP_NOT_COMMERCIAL' }.citation",
                        org.hamcrest.Matchers.containsString("art. 4"))
                .body(
                        "decision.findings.find { it.topic == 'ICP_NOT_COMMERCIAL' }.evidence[0].field",
                        equalTo("icp.number"))
                .body(
                        "decision.findings.find { it.topic == 'ICP_NOT_COMMERCIAL' }.evidence[0].text",
                        equalTo("粤ICP备17045678号-2"));
    }

    @Test
    void aValueThatIsPresentButWrongIsAStoredFindingNotA400() {
        String account = unique("acct");
        submit(TestPackages.clean("ECOMMERCE")
                        .asNewEntity(account)
                        .with("advertiser.creditCode", "NOT-A-CODE")
                        .with("icp.number", "")
                        .body())
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("decision.findings.topic", hasItems("CREDIT_CODE_INVALID", "ICP_MISSING"));
    }

    @Test
    void everyStructuralProblemIsNamedInOne400AndNothingIsStored() {
        String account = unique("acct");
        String body = TestPackages.clean("P2P_LENDING")
                .asNewEntity(account)
                .without("adId")
                .with("category", "CASINO")
                .with("advertiser.registeredCapital.amount", -5)
                .with("advertiser.paidInCapital", java.util.Map.of("amount", "lots", "currency", "CNY"))
                .with("advertiser.operatingSince", "2016-13-45")
                .with("creative.landingUrl", "not a url")
                .with("creative.headline", "标".repeat(201))
                .with("icp.domains", List.of("ok.cn", 7))
                .with("sponsor", "unknown property")
                .body();

        Api.submitter()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("type", equalTo("urn:adreview:problem:invalid-request"))
                .body("instance", equalTo("/v1/submissions"))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "adId",
                                "category",
                                "advertiser.registeredCapital.amount",
                                "advertiser.paidInCapital.amount",
                                "advertiser.operatingSince",
                                "creative.landingUrl",
                                "creative.headline",
                                "icp.domains[1]",
                                "sponsor"));

        Api.staff()
                .queryParam("accountId", account)
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items", emptyIterable());
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        Api.submitter()
                .contentType(ContentType.JSON)
                .body("{\"advertiser\":{}}")
                .when()
                .post()
                .then()
                .statusCode(400)
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "adId",
                                "category",
                                "advertiser.accountId",
                                "advertiser.legalName",
                                "advertiser.creditCode"))
                .body("errors.message", everyItem(equalTo("is required")));
    }

    @Test
    void malformedJsonIsA400Problem() {
        Api.submitter()
                .contentType(ContentType.JSON)
                .body("{\"adId\": \"x\",")
                .when()
                .post()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].message", startsWith("not valid JSON"));
    }

    @Test
    void aBodyThatIsNotJsonMediaTypeIsA415Problem() {
        Api.submitter()
                .contentType(ContentType.TEXT)
                .body("hello")
                .when()
                .post()
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void anOversizedBodyIsA413Problem() {
        String body = TestPackages.clean("OTHER")
                .with("creative.body", "字".repeat(100_000))
                .body();
        Api.submitter()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post()
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
    }

    @Test
    void anUnknownOrMalformedIdIsA404Problem() {
        Api.staff()
                .when()
                .get("/{id}", "000000000000000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        Api.staff().when().get("/{id}", "not-an-id").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void listsPageNewestFirstWithACursor() {
        String account = unique("acct");
        for (int i = 1; i <= 3; i++) {
            submit(TestPackages.clean("OTHER")
                            .asNewEntity(account)
                            .with("adId", "ad-" + i)
                            .body())
                    .statusCode(201);
        }

        var first = Api.staff()
                .queryParam("accountId", account)
                .queryParam("limit", 2)
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items", hasSize(2));
        first.body("items.adId", org.hamcrest.Matchers.contains("ad-3", "ad-2"));
        String next = first.extract().path("next");
        assertThat(next).isNotBlank();

        Api.staff()
                .queryParam("accountId", account)
                .queryParam("limit", 2)
                .queryParam("cursor", next)
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items.adId", org.hamcrest.Matchers.contains("ad-1"))
                .body("next", nullValue());
    }

    @Test
    void listFiltersCombine() {
        String account = unique("acct");
        submit(TestPackages.example("01-approved-p2p").asNewEntity(account).body())
                .statusCode(201);
        submit(TestPackages.example("03-rejected-filing-only")
                        .asNewEntity(account)
                        .body())
                .statusCode(201);

        Api.staff()
                .queryParam("accountId", account)
                .queryParam("status", "REJECTED")
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].adId", equalTo("example-3"));
        Api.staff()
                .queryParam("accountId", account)
                .queryParam("category", "P2P_LENDING")
                .queryParam("adId", "example-1")
                .when()
                .get()
                .then()
                .body("items", hasSize(1))
                .body("items[0].status", equalTo("APPROVED"));
    }

    @Test
    void badListParametersAreNamed() {
        Api.staff()
                .queryParam("status", "LIVE")
                .when()
                .get()
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("status"));
        Api.staff()
                .queryParam("category", "CASINO")
                .when()
                .get()
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("category"));
        Api.staff()
                .queryParam("limit", 101)
                .when()
                .get()
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        Api.staff()
                .queryParam("limit", 0)
                .when()
                .get()
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        Api.staff()
                .queryParam("cursor", "bm9wZQ")
                .when()
                .get()
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }
}
