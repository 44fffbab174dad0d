package com.adreview.complaint;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(ComplaintResource.class)
class ComplaintResourceTest {

    private static ValidatableResponse record(String subject, String extra) {
        String reporter = extra.contains("\"reporterId\"") ? "" : ",\"reporterId\":\"" + unique("user") + "\"";
        String body = "{\"subject\":" + subject + ",\"source\":\"USER\",\"category\":\"FRAUD\","
                + "\"description\":\"充值后无法提现\"" + reporter + extra + "}";
        return Api.staff()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post()
                .then();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void aComplaintIsRecordedWithItsDefaultsAndFoundWhereLocationPoints() {
        String account = unique("acct");
        String location = record(
                        "{\"advertiserAccountId\":\"" + account + "\"}",
                        ",\"amountInvolved\":{\"amount\":52000,\"currency\":\"CNY\"}")
                .statusCode(201)
                .body("subject.advertiserAccountId", equalTo(account))
                .body("source", equalTo("USER"))
                .body("category", equalTo("FRAUD"))
                .body("amountInvolved.amount", equalTo(52000))
                .body("receivedAt", notNullValue())
                .body("recordedAt", notNullValue())
                .extract()
                .header("Location");

        Api.staff()
                .basePath("")
                .when()
                .get(location)
                .then()
                .statusCode(200)
                .body("subject.advertiserAccountId", equalTo(account));
    }

    @Test
    void identifiersAreNormalisedSoAnySpellingFindsTheComplaint() {
        String domain = unique("p2p") + ".cn";
        record("{\"domain\":\"https://WWW." + domain.toUpperCase() + "/\",\"creditCode\":\" 91110108558521630l \"}", "")
                .statusCode(201)
                .body("subject.domain", equalTo("www." + domain))
                .body("subject.creditCode", equalTo("91110108558521630L"));

        Api.staff()
                .queryParam("subject", "WWW." + domain.toUpperCase())
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].subject.domain", equalTo("www." + domain));
    }

    @Test
    void aComplaintIsListedUnderEachOfItsIdentifiersNewestFirst() {
        String app = unique("com.example.app");
        String account = unique("acct");
        Instant earlier = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        record("{\"appId\":\"" + app + "\"}", ",\"receivedAt\":\"" + earlier + "\"")
                .statusCode(201);
        record("{\"appId\":\"" + app + "\",\"advertiserAccountId\":\"" + account + "\"}", "")
                .statusCode(201);

        Api.staff()
                .queryParam("subject", app)
                .when()
                .get()
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .body("items[1].receivedAt", equalTo(earlier.toString()))
                .body("next", nullValue());
        Api.staff().queryParam("subject", account).when().get().then().body("items", hasSize(1));
        Api.staff()
                .queryParam("subject", app)
                .queryParam("limit", 1)
                .when()
                .get()
                .then()
                .body("items", hasSize(1))
                .body("next", notNullValue());
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsRecorded() {
        String account = unique("acct");
        String body = "{\"subject\":{\"advertiserAccountId\":\"" + account
                + "\"},\"source\":\"NEIGHBOUR\",\"category\":\"FRAUD\","
                + "\"amountInvolved\":{\"amount\":-1,\"currency\":\"CNY\"},\"receivedAt\":\"yesterday\",\"colour\":\"red\"}";
        Api.staff()
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post()
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        containsInAnyOrder("source", "amountInvolved.amount", "receivedAt", "colour", "description"));

        Api.staff().queryParam("subject", account).when().get().then().body("items", hasSize(0));
    }

    @Test
    void aComplaintMustNameItsSubjectAndMayNotComeFromTheFuture() {
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
        record("{\"domain\":\"  \"}", ",\"receivedAt\":\"" + tomorrow + "\"")
                .statusCode(400)
                .body("errors.field", contains("subject", "receivedAt"))
                .body("errors[1].message", containsString("future"));
    }

    @Test
    void anUnknownComplaintIsA404Problem() {
        Api.staff()
                .when()
                .get("/{id}", "000000000000000000000000")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
