package com.adreview.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint called as every kind of caller: nobody, a gateway of its own account and of another
 * account, a reviewer, an auditor, an admin. Allowed calls are made with bodies the endpoint refuses
 * (400) or ids it does not know (404), so that the matrix proves who gets past authorization without
 * changing anything; what allowed calls then do is tested elsewhere.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SecurityMatrixTest {

    enum Who {
        NOBODY,
        OWN_GATEWAY,
        OTHER_GATEWAY,
        REVIEWER,
        AUDITOR,
        ADMIN
    }

    /** What a caller gets: refused as unknown (401), refused for its role (403), or let through. */
    enum Answer {
        UNAUTHENTICATED,
        FORBIDDEN,
        ALLOWED
    }

    private static final String NO_ID = "0123456789abcdef01234567";

    private String ownAccount;
    private String submission;

    @BeforeEach
    void anAdOfTheOwnAccount() {
        TestPackages ad = TestPackages.example("02-rejected-guarantee").asNewEntity();
        ownAccount = ad.json().at("/advertiser/accountId").asText();
        submission = Api.submitted(ad);
    }

    private RequestSpecification as(Who who) {
        return switch (who) {
            case NOBODY -> Api.anyone();
            case OWN_GATEWAY -> Api.gateway(ownAccount);
            case OTHER_GATEWAY -> Api.gateway("acct-other-tenant");
            case REVIEWER -> Api.as("li");
            case AUDITOR -> Api.auditor();
            case ADMIN -> Api.admin();
        };
    }

    private record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Map<Who, Answer> only(Who... allowed) {
        Map<Who, Answer> m = new LinkedHashMap<>();
        for (Who w : Who.values()) {
            m.put(w, w == Who.NOBODY ? Answer.UNAUTHENTICATED : Answer.FORBIDDEN);
        }
        for (Who w : allowed) {
            m.put(w, Answer.ALLOWED);
        }
        return m;
    }

    private static final Who[] STAFF_READ = {Who.REVIEWER, Who.AUDITOR, Who.ADMIN};
    private static final Who[] EVERYONE = {Who.OWN_GATEWAY, Who.OTHER_GATEWAY, Who.REVIEWER, Who.AUDITOR, Who.ADMIN};

    private Map<Call, Map<Who, Answer>> matrix() {
        Map<Call, Map<Who, Answer>> m = new LinkedHashMap<>();
        m.put(new Call("POST", "/v1/submissions", "{}"), only(Who.OWN_GATEWAY, Who.OTHER_GATEWAY));
        m.put(new Call("GET", "/v1/submissions", null), only(EVERYONE));
        m.put(new Call("GET", "/v1/submissions/" + NO_ID, null), only(EVERYONE));
        m.put(new Call("GET", "/v1/ads/no-such-ad", null), only(EVERYONE));
        m.put(
                new Call("POST", "/v1/submissions/" + NO_ID + "/appeals", "{}"),
                only(Who.OWN_GATEWAY, Who.OTHER_GATEWAY));
        m.put(new Call("POST", "/v1/ads/no-such-ad/pull", "{}"), only(Who.REVIEWER));
        m.put(new Call("POST", "/v1/ads/no-such-ad/reinstate", "{}"), only(Who.REVIEWER));
        m.put(new Call("POST", "/v1/complaints", "{}"), only(Who.REVIEWER, Who.ADMIN));
        m.put(new Call("GET", "/v1/complaints", null), only(STAFF_READ));
        m.put(new Call("GET", "/v1/complaints/" + NO_ID, null), only(STAFF_READ));
        m.put(new Call("GET", "/v1/entities/no-such-identifier", null), only(STAFF_READ));
        m.put(new Call("POST", "/v1/entity-links", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/entity-links", null), only(STAFF_READ));
        m.put(new Call("GET", "/v1/entity-links/" + NO_ID, null), only(STAFF_READ));
        m.put(new Call("POST", "/v1/entity-links/" + NO_ID + "/unlink", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/identifiers/DOMAIN/nobody-holds.example.cn", null), only(STAFF_READ));
        m.put(new Call("PUT", "/v1/identifiers/DOMAIN/nobody-holds.example.cn/holder", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/ads/changes", null), only(STAFF_READ));
        m.put(new Call("POST", "/v1/suspensions", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/suspensions", null), only(STAFF_READ));
        m.put(new Call("GET", "/v1/suspensions/" + NO_ID, null), only(STAFF_READ));
        m.put(new Call("DELETE", "/v1/suspensions/" + NO_ID, null), only(Who.ADMIN));
        m.put(new Call("POST", "/v1/webhooks", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/webhooks", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/webhooks/" + NO_ID, null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/webhooks/" + NO_ID + "/deliveries", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("DELETE", "/v1/webhooks/" + NO_ID, null), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/reviews", null), only(STAFF_READ));
        m.put(new Call("GET", "/v1/reviews/" + NO_ID, null), only(EVERYONE));
        m.put(new Call("POST", "/v1/reviews/" + NO_ID + "/claim", null), only(Who.REVIEWER));
        m.put(new Call("POST", "/v1/reviews/" + NO_ID + "/release", null), only(Who.REVIEWER));
        m.put(new Call("POST", "/v1/reviews/" + NO_ID + "/decision", "{}"), only(Who.REVIEWER));
        m.put(new Call("POST", "/v1/api-keys", "{}"), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/api-keys", null), only(Who.ADMIN));
        m.put(new Call("GET", "/v1/api-keys/no-such-key", null), only(Who.ADMIN));
        m.put(new Call("DELETE", "/v1/api-keys/no-such-key", null), only(Who.ADMIN));
        m.put(new Call("GET", "/console", null), only(STAFF_READ));
        m.put(new Call("GET", "/console/cases/" + NO_ID, null), only(STAFF_READ));
        m.put(new Call("POST", "/console/cases/" + NO_ID + "/claim", null), only(Who.REVIEWER));
        m.put(new Call("POST", "/console/cases/" + NO_ID + "/release", null), only(Who.REVIEWER));
        m.put(new Call("POST", "/console/cases/" + NO_ID + "/decision", null), only(Who.REVIEWER));
        m.put(new Call("GET", "/v1/audit/events", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/audit/verify", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("POST", "/v1/audit/verify", "{}"), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/audit/checkpoints/latest", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/audit/public-key", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/audit/export", null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("POST", "/v1/audit/replay/" + NO_ID, null), only(Who.AUDITOR, Who.ADMIN));
        m.put(new Call("GET", "/v1/policy", null), only(STAFF_READ));
        m.put(new Call("POST", "/v1/policy/reload", null), only(Who.ADMIN));
        return m;
    }

    @Test
    void everyEndpointAnswersEveryCallerAsItsRolesSay() {
        List<String> wrong = new ArrayList<>();
        matrix().forEach((call, answers) -> answers.forEach((who, expected) -> {
            RequestSpecification request = as(who);
            if (call.body() != null) {
                request = request.contentType(ContentType.JSON).body(call.body());
            }
            var response = request.redirects().follow(false).request(call.method(), call.path());
            int status = response.statusCode();
            Answer got = status == 401 ? Answer.UNAUTHENTICATED : status == 403 ? Answer.FORBIDDEN : Answer.ALLOWED;
            if (got != expected) {
                wrong.add(call + " as " + who + ": " + status + ", expected " + expected);
            } else if (got != Answer.ALLOWED && call.path().startsWith("/console")) {
                // The console answers a person: the refusal is a page of the console, with its status.
                if (!response.contentType().startsWith("text/html")
                        || !response.asString().contains("data-status=\"" + status + "\"")) {
                    wrong.add(call + " as " + who + ": " + status + " without the console's error page");
                }
            } else if (got != Answer.ALLOWED && !response.contentType().startsWith("application/problem+json")) {
                wrong.add(call + " as " + who + ": " + status + " without a problem body");
            }
        }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void aGatewaySeesOnlyItsOwnAccountAndAnotherAccountsDataIsNotFound() {
        Api.gateway(ownAccount).get("/v1/submissions/{id}", submission).then().statusCode(200);
        Api.gateway("acct-other-tenant")
                .get("/v1/submissions/{id}", submission)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        String adId = Api.staff()
                .get("/v1/submissions/{id}", submission)
                .then()
                .extract()
                .path("adId");
        Api.gateway(ownAccount).get("/v1/ads/{adId}", adId).then().statusCode(200);
        Api.gateway("acct-other-tenant").get("/v1/ads/{adId}", adId).then().statusCode(404);
        // Lists hold the own account only, whatever account is asked for.
        Api.gateway("acct-other-tenant")
                .queryParam("accountId", ownAccount)
                .get("/v1/submissions")
                .then()
                .statusCode(200)
                .body("items.accountId", everyItem(equalTo("acct-other-tenant")));
        Api.gateway(ownAccount)
                .get("/v1/submissions")
                .then()
                .body("items.id", org.hamcrest.Matchers.hasItem(submission))
                .body("items.accountId", everyItem(equalTo(ownAccount)));
        // Another account cannot appeal it; the own account can, and follows its appeal's case.
        String appeal = "{\"reason\":\"已整改\",\"findings\":[\"guaranteed-return\"]}";
        Api.gateway("acct-other-tenant")
                .contentType(ContentType.JSON)
                .body(appeal)
                .post("/v1/submissions/{id}/appeals", submission)
                .then()
                .statusCode(404);
        String caseId = Api.gateway(ownAccount)
                .contentType(ContentType.JSON)
                .body(appeal)
                .post("/v1/submissions/{id}/appeals", submission)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.gateway(ownAccount).get("/v1/reviews/{id}", caseId).then().statusCode(200);
        Api.gateway("acct-other-tenant").get("/v1/reviews/{id}", caseId).then().statusCode(404);
    }

    @Test
    void theAccountOfASubmissionComesFromTheKeyNotTheBody() {
        TestPackages foreign = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.gateway(ownAccount)
                .contentType(ContentType.JSON)
                .body(foreign.body())
                .post("/v1/submissions")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("advertiser.accountId"));
        Api.staff()
                .queryParam(
                        "accountId", foreign.json().at("/advertiser/accountId").asText())
                .get("/v1/submissions")
                .then()
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void aRevokedKeyIsRefusedFromTheNextRequestOn() {
        String created = Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + ownAccount + "\",\"label\":\"to revoke\"}")
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String key = io.restassured.path.json.JsonPath.from(created).getString("key");
        String id = io.restassured.path.json.JsonPath.from(created).getString("id");
        given().header(Api.API_KEY, key)
                .get("/v1/submissions/{id}", submission)
                .then()
                .statusCode(200);
        Api.admin().get("/v1/api-keys/{id}", id).then().statusCode(200).body("key", org.hamcrest.Matchers.nullValue());
        Api.admin().delete("/v1/api-keys/{id}", id).then().statusCode(200).body("revokedBy", equalTo("user:admin"));
        given().header(Api.API_KEY, key)
                .get("/v1/submissions/{id}", submission)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        Api.admin().delete("/v1/api-keys/{id}", id).then().statusCode(409);
        given().header(Api.API_KEY, "ark_not-a-key")
                .get("/v1/submissions")
                .then()
                .statusCode(401);
    }

    @Test
    void badCredentialsAreRefusedWithAProblem() {
        given().auth()
                .preemptive()
                .basic("li", "wrong")
                .get("/v1/reviews")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().auth()
                .preemptive()
                .basic("nobody", "nobody")
                .get("/v1/reviews")
                .then()
                .statusCode(401);
    }
}
