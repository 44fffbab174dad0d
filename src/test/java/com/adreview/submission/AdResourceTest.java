package com.adreview.submission;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(AdResource.class)
class AdResourceTest {

    private static String submit(TestPackages ad) {
        return Api.submitter()
                .basePath("")
                .contentType(ContentType.JSON)
                .body(ad.body())
                .when()
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void aResubmissionIsTheNextRevisionAndTheAdFollowsItsLatest() {
        String account = "acct-" + UUID.randomUUID();
        String adId = "ad-" + UUID.randomUUID();
        String first = submit(
                TestPackages.example("01-approved-p2p").asNewEntity(account).with("adId", adId));
        String second = submit(TestPackages.example("01-approved-p2p")
                .asNewEntity(account)
                .with("adId", adId)
                .with("icp.number", "京ICP备12345678号"));

        Api.staff()
                .when()
                .get("/{adId}", adId)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(account))
                .body("status", equalTo("REJECTED"))
                .body("currentRevision", equalTo(2))
                .body("revisions.revision", contains(2, 1))
                .body("revisions.submissionId", contains(second, first))
                .body("revisions.status", contains("REJECTED", "APPROVED"));
        Api.staff()
                .basePath("")
                .when()
                .get("/v1/submissions/{id}", first)
                .then()
                .body("current", equalTo(false))
                .body("revision", equalTo(1));
        Api.staff()
                .basePath("")
                .when()
                .get("/v1/submissions/{id}", second)
                .then()
                .body("current", equalTo(true));
    }

    @Test
    void anAdIdSharedByTwoAccountsNeedsTheAccount() {
        String adId = "shared-" + UUID.randomUUID();
        String a = "acct-a-" + UUID.randomUUID();
        submit(TestPackages.clean("OTHER").with("adId", adId).asNewEntity(a));
        submit(TestPackages.clean("OTHER").with("adId", adId).asNewEntity("acct-b-" + UUID.randomUUID()));

        Api.staff().when().get("/{adId}", adId).then().statusCode(400).body("errors[0].field", equalTo("accountId"));
        Api.staff()
                .queryParam("accountId", a)
                .when()
                .get("/{adId}", adId)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(a));
    }

    @Test
    void anUnknownAdIsA404Problem() {
        Api.staff()
                .when()
                .get("/{adId}", "no-such-ad-" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
