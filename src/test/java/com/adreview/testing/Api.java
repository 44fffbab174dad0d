package com.adreview.testing;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests as the service's callers make them, through the real authentication: staff with the
 * development users' Basic credentials (li and wang are reviewers, auditor, admin, and ops holds every
 * staff role), gateways with API keys created through the admin API.
 */
public final class Api {

    public static final String API_KEY = "X-Api-Key";

    /** Keys by test application (its port) and account: a fresh application has a fresh store. */
    private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

    private Api() {}

    /**
     * A well-behaved client: every state-changing call to /v1 says its body is JSON, even without a
     * body (the service refuses anything else with 415, so that no cross-site form can make one).
     */
    public static final io.restassured.filter.Filter JSON_BY_DEFAULT = (request, response, context) -> {
        String method = request.getMethod();
        boolean changing =
                method.equals("POST") || method.equals("PUT") || method.equals("DELETE") || method.equals("PATCH");
        String type = request.getContentType();
        // RestAssured types a bodiless POST as a form by itself; a client that sends nothing says nothing.
        boolean defaulted = type != null
                && type.startsWith("application/x-www-form-urlencoded")
                && request.getBody() == null
                && request.getFormParams().isEmpty();
        boolean typed = type != null && !type.isBlank() && !defaulted;
        if (changing && !typed && request.getURI().contains("/v1/")) {
            request.contentType(ContentType.JSON);
        }
        return context.next(request, response);
    };

    /** A request as a client sends it, before it signs in. */
    public static RequestSpecification anyone() {
        return given().filter(JSON_BY_DEFAULT);
    }

    /** A development user; the password is the name. */
    public static RequestSpecification as(String user) {
        return anyone().auth().preemptive().basic(user, user);
    }

    /** A member of staff with every staff role, for tests that are not about who may do what. */
    public static RequestSpecification staff() {
        return as("ops");
    }

    public static RequestSpecification admin() {
        return as("admin");
    }

    public static RequestSpecification auditor() {
        return as("auditor");
    }

    /** The gateway of an advertiser account: a key for it is created the first time. */
    public static RequestSpecification gateway(String accountId) {
        return anyone().header(API_KEY, keyFor(accountId));
    }

    /**
     * A gateway whose key is chosen when the request is sent, by the account its body names: for
     * tests that submit a package built elsewhere. A body that names no account (one that is
     * malformed on purpose) goes with the key of a test account.
     */
    public static RequestSpecification submitter() {
        return anyone().filter((request, response, context) -> {
            if (request.getHeaders().hasHeaderWithName(API_KEY)) {
                return context.next(request, response);
            }
            String account = "acct-malformed-package";
            try {
                var node = TestPackages.JSON.readTree(request.<String>getBody()).at("/advertiser/accountId");
                if (node.isTextual() && !node.asText().isBlank()) {
                    account = node.asText();
                }
            } catch (Exception e) {
                // not JSON: the service answers 400, with any valid key
            }
            request.header(API_KEY, keyFor(account));
            return context.next(request, response);
        });
    }

    /** The gateway of the package's account. */
    public static RequestSpecification gatewayOf(TestPackages ad) {
        return gateway(ad.json().at("/advertiser/accountId").asText());
    }

    /** Submits the package through its account's gateway; returns the response for assertions. */
    public static io.restassured.response.ValidatableResponse submit(TestPackages ad) {
        return gatewayOf(ad)
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then();
    }

    /**
     * Submits the package with the submitter's key, from a test class of any base path; it must be stored with this
     * status. Returns its id.
     */
    public static String submit(TestPackages ad, String expectedStatus) {
        return submitter()
                .basePath("")
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .body("status", org.hamcrest.Matchers.equalTo(expectedStatus))
                .extract()
                .path("id");
    }

    /** The id of a submission of the package, which must be created. */
    public static String submitted(TestPackages ad) {
        return submit(ad).statusCode(201).extract().path("id");
    }

    /** A string as a JSON literal, escaped. */
    public static String json(String value) {
        try {
            return TestPackages.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyFor(String accountId) {
        return KEYS.computeIfAbsent(RestAssured.port + "/" + accountId, k -> newKey(accountId));
    }

    /** A new key for the account, created by an admin. */
    public static String newKey(String accountId) {
        return admin().basePath("")
                .contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + accountId + "\",\"label\":\"test gateway\"}")
                .post("/v1/api-keys")
                .then()
                .statusCode(201)
                .extract()
                .path("key");
    }
}
