package com.adreview.entity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

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
@TestHTTPEndpoint(EntityResource.class)
class EntityResourceTest {

    @Test
    void anEntityIsFoundByAnyIdentifierWithItsComplaintsAndLiveAds() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = ad.json().at("/advertiser/accountId").asText();
        String domain = ad.json().at("/product/domain").asText();
        String code = ad.json().at("/advertiser/creditCode").asText();
        String submission = Api.submit(ad, "APPROVED");
        Api.staff()
                .basePath("")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\"" + domain + "\"},\"source\":\"USER\",\"category\":\"FRAUD\","
                        + "\"amountInvolved\":{\"amount\":5000,\"currency\":\"CNY\"},\"description\":\"骗局\","
                        + "\"reporterId\":\"user-1\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);

        for (String identifier : new String[] {account, domain.toUpperCase(), code}) {
            Api.staff()
                    .when()
                    .get("/{identifier}", identifier)
                    .then()
                    .statusCode(200)
                    .body("identifiers.accounts", contains(account))
                    .body("identifiers.domains", contains(domain))
                    .body("identifiers.creditCodes", contains(code))
                    .body("complaints.find { it.days == 90 }.count", equalTo(1))
                    .body("complaints.find { it.days == 90 }.bySource.USER", equalTo(1))
                    .body("complaints.find { it.days == 90 }.amounts.CNY", equalTo(5000))
                    .body("liveAds", hasSize(1))
                    .body("liveAds[0].submissionId", equalTo(submission));
        }
    }

    @Test
    void anEntityKnownOnlyFromComplaintsHasNoLiveAds() {
        String app = "com.example." + UUID.randomUUID();
        Api.staff()
                .basePath("")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"appId\":\"" + app + "\"},\"source\":\"MEDIA\",\"category\":\"MISLEADING\","
                        + "\"description\":\"报道\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);

        Api.staff()
                .when()
                .get("/{identifier}", app)
                .then()
                .statusCode(200)
                .body("identifiers.appIds", hasItem(app))
                .body("complaints.find { it.days == 7 }.count", equalTo(1))
                .body("liveAds", emptyIterable());
    }

    @Test
    void anIdentifierNobodyNamedIsA404Problem() {
        Api.staff()
                .when()
                .get("/{identifier}", "nobody-" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
