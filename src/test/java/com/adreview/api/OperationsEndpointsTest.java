package com.adreview.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.adreview.policy.PolicyService;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Readiness, OpenAPI, Swagger UI and metrics, as an operator sees them. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class OperationsEndpointsTest {

    @Inject
    PolicyService policy;

    @Test
    void readinessNamesThePackVersionAndChecksTheStore() {
        String version = policy.current().orElseThrow().version();
        Api.staff()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'policy-pack' }.data.version", equalTo(version))
                .body("checks.name", hasItem(containsString("MongoDB")));
    }

    @Test
    void openApiDescribesTheSubmissionContract() {
        Api.staff()
                .accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(
                        "paths.'/v1/submissions'.post.requestBody.content.'application/json'.examples",
                        org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.AdPackage.properties.adId.description", startsWith("The advertiser's own id"))
                .body("components.schemas.Advertiser.properties.creditCode.examples[0]", equalTo("91110108558521630L"))
                .body(
                        "components.schemas.Finding.properties.citation.description",
                        org.hamcrest.Matchers.notNullValue())
                .body("components.schemas.Problem.properties.errors.description", org.hamcrest.Matchers.notNullValue());
        Api.staff().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void everyFieldOfEveryApiSchemaIsDescribed() {
        Map<String, Map<String, Object>> schemas = Api.staff()
                .accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .extract()
                .path("components.schemas");
        List<String> undocumented = new ArrayList<>();
        schemas.forEach((schema, body) -> {
            if (body.get("properties") instanceof Map<?, ?> properties) {
                properties.forEach((name, property) -> {
                    if (!(property instanceof Map<?, ?> p) || p.get("description") == null) {
                        undocumented.add(schema + "." + name);
                    }
                });
            }
        });
        assertThat(undocumented).isEmpty();
    }

    @Test
    void metricsCountDecisionsByStatusAndTopicAndTimeTheEngine() {
        Api.submitter()
                .contentType(ContentType.JSON)
                .body(TestPackages.example("03-rejected-filing-only")
                        .asNewEntity("acct-" + UUID.randomUUID())
                        .body())
                .post("/v1/submissions")
                .then()
                .statusCode(201);

        Api.staff()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("adreview_decisions_total{status=\"REJECTED\"}"))
                .body(containsString("adreview_findings_total{outcome=\"REJECT\",topic=\"ICP_NOT_COMMERCIAL\"}"))
                .body(containsString("adreview_decision_duration_seconds_count"));
    }

    @Test
    void anUnknownPathIsA404Problem() {
        Api.staff().when().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aDecidingPackVersionIsKeptForReplay() {
        Api.submitter()
                .contentType(ContentType.JSON)
                .body(TestPackages.example("01-approved-p2p")
                        .asNewEntity("acct-" + UUID.randomUUID())
                        .body())
                .post("/v1/submissions")
                .then()
                .statusCode(201);
        String version = policy.current().orElseThrow().version();
        // Rebuilt from the files kept in the store, it is the same version.
        org.assertj.core.api.Assertions.assertThat(policy.keptVersion(version).version())
                .isEqualTo(version);
        org.assertj.core.api.Assertions.assertThat(
                        policy.keptVersion(version).sources().keySet())
                .contains("pack.yaml", "rules/credentials.yaml");
    }
}
