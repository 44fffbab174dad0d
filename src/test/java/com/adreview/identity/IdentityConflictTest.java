package com.adreview.identity;

import static com.adreview.identity.EntityIntegrityTest.complained;
import static com.adreview.identity.EntityIntegrityTest.field;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.adreview.review.ReviewApi;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

/**
 * Holding, conflicts and links through the API: a conflict case a reviewer settles, links an admin
 * makes and removes, and an identifier an admin gives to its rightful holder.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class IdentityConflictTest {

    private static ValidatableResponse link(String body) {
        return Api.admin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/v1/entity-links")
                .then();
    }

    private static ValidatableResponse decide(String caseId, String body) {
        return ReviewApi.decide(caseId, "li", body);
    }

    @Test
    void aConflictCaseShowsBothAccountsAndOneBusinessJoinsTheirRecords() {
        TestPackages e = TestPackages.example("01-approved-p2p").asNewEntity();
        String eAccount = field(e, "/advertiser/accountId");
        String code = field(e, "/advertiser/creditCode");
        String eLive = Api.submit(e, "APPROVED");
        TestPackages c = TestPackages.example("01-approved-p2p").asNewEntity().with("advertiser.creditCode", code);
        String cAccount = field(c, "/advertiser/accountId");
        String claim = Api.submit(c, "PENDING_REVIEW");

        String caseId = ReviewApi.caseOf(claim);
        Api.staff()
                .get("/v1/reviews/{id}", caseId)
                .then()
                .body("kind", equalTo("IDENTITY_CONFLICT"))
                .body("accountId", equalTo(cAccount))
                .body("topics", contains("IDENTITY_CONFLICT"))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].kind", equalTo("CREDIT_CODE"))
                .body("conflicts[0].identifier", equalTo(code))
                .body("conflicts[0].holder", equalTo(eAccount));
        Api.staff()
                .get("/v1/entities/{id}", code)
                .then()
                .body("holder", equalTo(eAccount))
                .body("conflicts", hasSize(1))
                .body("conflicts[0].claimant", equalTo(cAccount))
                .body("conflicts[0].caseId", equalTo(caseId));
        // The claimant's gateway sees nothing of the case, nor who holds the code.
        Api.gateway(cAccount).get("/v1/reviews/{id}", caseId).then().statusCode(404);

        ReviewApi.claim(caseId, "li").statusCode(200);
        decide(caseId, "{\"outcome\":\"APPROVE\",\"reason\":\"子公司\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("sameBusiness"));
        decide(caseId, "{\"outcome\":\"APPROVE\",\"reason\":\"x\",\"sameBusiness\":false}")
                .statusCode(400)
                .body("errors.field", contains("outcome"));
        decide(caseId, "{\"outcome\":\"APPROVE\",\"reason\":\"子公司，见工商登记\",\"sameBusiness\":true}")
                .statusCode(200)
                .body("state", equalTo("DONE"))
                .body("resolution.submissionStatus", equalTo("APPROVED"));

        ReviewApi.submission(claim).body("status", equalTo("APPROVED"));
        String linkId = Api.staff()
                .queryParam("account", cAccount)
                .get("/v1/entity-links")
                .then()
                .body("items", hasSize(1))
                .body("items[0].accounts", containsInAnyOrder(cAccount, eAccount))
                .body("items[0].caseId", equalTo(caseId))
                .body("items[0].confirmedBy", equalTo("user:li"))
                .extract()
                .path("items[0].id");
        Api.staff()
                .get("/v1/entities/{id}", cAccount)
                .then()
                .body("identifiers.accounts", containsInAnyOrder(cAccount, eAccount))
                .body("links.id", contains(linkId))
                .body("conflicts", emptyIterable());
        Api.auditor()
                .queryParam("subject", "link:" + linkId)
                .get("/v1/audit/events")
                .then()
                .body("items.action", contains("ENTITY_LINKED"));

        // One business: the regulator's complaint against the claimant pulls the holder's ad too.
        complained("advertiserAccountId", cAccount, "REGULATOR", null, null);
        ReviewApi.submission(eLive).body("status", equalTo("PULLED"));
    }

    @Test
    void notOneBusinessRejectsTheClaimantAndJoinsNothing() {
        TestPackages e = TestPackages.example("01-approved-p2p").asNewEntity();
        String eLive = Api.submit(e, "APPROVED");
        TestPackages c =
                TestPackages.example("01-approved-p2p").asNewEntity().with("product.appId", field(e, "/product/appId"));
        String cAccount = field(c, "/advertiser/accountId");
        String claim = Api.submit(c, "PENDING_REVIEW");
        String caseId = ReviewApi.caseOf(claim);

        ReviewApi.claim(caseId, "li").statusCode(200);
        decide(caseId, "{\"outcome\":\"REJECT\",\"reason\":\"冒用他人应用\",\"sameBusiness\":false}")
                .statusCode(200)
                .body("resolution.submissionStatus", equalTo("REJECTED"));

        ReviewApi.submission(claim).body("status", equalTo("REJECTED"));
        Api.staff()
                .queryParam("account", cAccount)
                .get("/v1/entity-links")
                .then()
                .body("items", emptyIterable());
        Api.staff().get("/v1/entities/{id}", cAccount).then().body("conflicts", emptyIterable());
        complained("advertiserAccountId", cAccount, "REGULATOR", null, null);
        ReviewApi.submission(eLive).body("status", equalTo("APPROVED"));
    }

    @Test
    void anAdminsLinkCanPullAndRemovingItReinstatesNothing() {
        TestPackages e = TestPackages.example("01-approved-p2p").asNewEntity();
        String eAccount = field(e, "/advertiser/accountId");
        String eLive = Api.submit(e, "APPROVED");
        String cAccount = "acct-agency-" + java.util.UUID.randomUUID();
        complained("advertiserAccountId", cAccount, "POLICE", null, null);
        ReviewApi.submission(eLive).body("status", equalTo("APPROVED"));

        link("{\"accounts\":[\"" + cAccount + "\",\"" + cAccount + "\"],\"reason\":\"x\"}")
                .statusCode(400)
                .body("errors.field", contains("accounts"));
        link("{\"accounts\":[\"" + cAccount + "\"],\"reason\":\"\"}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("accounts", "reason"));
        String body = "{\"accounts\":[\"" + eAccount + "\",\"" + cAccount + "\"],\"reason\":\"代理商与广告主为同一集团\"}";
        String linkId = link(body)
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/v1/entity-links/"))
                .body("active", equalTo(true))
                .body("confirmedBy", equalTo("user:admin"))
                .extract()
                .path("id");
        ReviewApi.submission(eLive)
                .body("status", equalTo("PULLED"))
                .body("statusChanges[0].cause", equalTo("IDENTITY_LINKED"))
                .body("statusChanges[0].decision.findings.ruleId", hasItem("complaint-from-authority"));
        link(body).statusCode(200).body("id", equalTo(linkId));

        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"代理关系已终止\"}")
                .post("/v1/entity-links/{id}/unlink", linkId)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("removedBy", equalTo("user:admin"))
                .body("removalReason", equalTo("代理关系已终止"));
        ReviewApi.submission(eLive).body("status", equalTo("PULLED")).body("statusChanges", hasSize(1));
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"again\"}")
                .post("/v1/entity-links/{id}/unlink", linkId)
                .then()
                .statusCode(409);
        Api.auditor()
                .queryParam("subject", "link:" + linkId)
                .get("/v1/audit/events")
                .then()
                .body("items.action", contains("ENTITY_LINKED", "ENTITY_UNLINKED"));
        Api.staff()
                .get("/v1/entity-links/{id}", "0123456789abcdef01234567")
                .then()
                .statusCode(404);
    }

    @Test
    void anAdminGivesASquattedCreditCodeToItsOwner() {
        TestPackages owner = TestPackages.example("01-approved-p2p").asNewEntity();
        String code = field(owner, "/advertiser/creditCode");
        String ownerAccount = field(owner, "/advertiser/accountId");
        // The squatter names the owner's code before the owner ever advertises.
        TestPackages squatter =
                TestPackages.example("01-approved-p2p").asNewEntity().with("advertiser.creditCode", code);
        String squatterAccount = field(squatter, "/advertiser/accountId");
        String squatted = Api.submit(squatter, "APPROVED");
        Api.submit(owner, "PENDING_REVIEW");
        Api.staff()
                .get("/v1/identifiers/CREDIT_CODE/{code}", code.toLowerCase())
                .then()
                .statusCode(200)
                .body("holder", equalTo(squatterAccount))
                .body("how", equalTo("FIRST_NAMED"));

        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"accountId\":\"" + ownerAccount + "\",\"reason\":\"营业执照与ICP备案主体一致\"}")
                .put("/v1/identifiers/credit-code/{code}/holder", code)
                .then()
                .statusCode(200)
                .body("holder", equalTo(ownerAccount))
                .body("how", equalTo("ASSIGNED"))
                .body("by", equalTo("user:admin"))
                .body("history", hasSize(1))
                .body("history[0].holder", equalTo(squatterAccount));

        // The squatter's live ad now names a code another account holds: a reviewer looks, it stays live.
        ReviewApi.submission(squatted).body("status", equalTo("APPROVED"));
        String caseId = ReviewApi.caseOf(squatted);
        Api.staff()
                .get("/v1/reviews/{id}", caseId)
                .then()
                .body("kind", equalTo("IDENTITY_CONFLICT"))
                .body("conflicts[0].holder", equalTo(ownerAccount));
        // A complaint against the code is the owner's now, not the squatter's.
        complained("creditCode", code, "REGULATOR", null, null);
        ReviewApi.submission(squatted).body("status", equalTo("APPROVED"));
        Api.auditor()
                .queryParam("subject", "identifier:CREDIT_CODE:" + code)
                .get("/v1/audit/events")
                .then()
                .body("items.action", contains("IDENTIFIER_HELD", "IDENTIFIER_ASSIGNED"));

        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"accountId\":\"\",\"reason\":\"\"}")
                .put("/v1/identifiers/CREDIT_CODE/{code}/holder", code)
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("accountId", "reason"));
        Api.staff()
                .get("/v1/identifiers/PHONE/{v}", "123")
                .then()
                .statusCode(400)
                .body("errors.field", contains("kind"));
        Api.staff()
                .get("/v1/identifiers/DOMAIN/{v}", "nobody-holds-this.cn")
                .then()
                .statusCode(404);
    }
}
