package com.adreview.submission;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(SubmissionResource.class)
class SubmissionResourceTest {

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static ValidatableResponse submit(String body) {
    return given().contentType(ContentType.JSON).body(body).when().post().then();
  }

  @ParameterizedTest
  @ValueSource(strings = {"01-approved-p2p", "03-rejected-filing-only", "05-pending-landing-domain", "06-rejected-individual-lender"})
  void sharedExamplesGetTheirExpectedDecisionThroughTheApi(String name) {
    JsonNode expect = TestPackages.exampleFile(name).get("expect");
    String account = unique("acct");
    TestPackages ad = TestPackages.example(name).with("advertiser.accountId", account);

    ValidatableResponse created =
        submit(ad.body())
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
  }
}
