package com.adreview.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.adreview.review.ReviewApi;
import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The three ways the policed could steer the engine (issue 13), each played through the API as the
 * attacker played it, and each now steering nothing: poisoning another account's entity, inflating
 * complaint counts, and undoing a person's verdict with one complaint.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class EntityIntegrityTest {

    static String field(TestPackages ad, String pointer) {
        return ad.json().at(pointer).asText();
    }

    static ValidatableResponse complain(
            String subjectField, String value, String source, String reporter, String amount) {
        StringBuilder body = new StringBuilder("{\"subject\":{\"" + subjectField + "\":\"" + value + "\"},\"source\":\""
                + source + "\",\"category\":\"FRAUD\",\"description\":\"无法提现\"");
        if (reporter != null) {
            body.append(",\"reporterId\":").append(Api.json(reporter));
        }
        if (amount != null) {
            body.append(",\"amountInvolved\":{\"amount\":").append(amount).append(",\"currency\":\"CNY\"}");
        }
        return Api.as("li")
                .contentType(ContentType.JSON)
                .body(body.append('}').toString())
                .post("/v1/complaints")
                .then();
    }

    static void complained(String subjectField, String value, String source, String reporter, String amount) {
        complain(subjectField, value, source, reporter, amount).statusCode(201);
    }

    /** The package under its own account, but naming the given credit code and a product domain of its own choosing. */
    static TestPackages naming(TestPackages base, String creditCode, String domain) {
        return base.with("advertiser.creditCode", creditCode)
                .with("product.domain", domain)
                .withList("icp.domains", domain)
                .with("creative.landingUrl", "https://www." + domain + "/");
    }

    @Test
    void anAccountNamingAnothersCreditCodeWithAComplainedDomainPoisonsNobody() {
        TestPackages e = TestPackages.example("01-approved-p2p").asNewEntity();
        String eAdId = field(e, "/adId");
        String eLive = Api.submit(e, "APPROVED");
        String poisoned = "poison-" + UUID.randomUUID().toString().substring(0, 8) + ".cn";
        complained("domain", poisoned, "REGULATOR", "csrc-bj", null);

        // C names E's credit code together with the domain the regulator complained about.
        TestPackages c = naming(
                TestPackages.example("01-approved-p2p").asNewEntity(), field(e, "/advertiser/creditCode"), poisoned);
        String cSubmission = Api.submit(c, "REJECTED");
        ReviewApi.submission(cSubmission)
                .body("decision.findings.ruleId", hasItem("complaint-from-authority"))
                .body("decision.findings.ruleId", hasItem("identity-credit-code-held"))
                .body(
                        "decision.findings.find { it.ruleId == 'identity-credit-code-held' }.outcome",
                        equalTo("ESCALATE"))
                // The claimant is never told who holds the code.
                .body(
                        "decision.findings.find { it.ruleId == 'identity-credit-code-held' }.message",
                        not(org.hamcrest.Matchers.containsString(field(e, "/advertiser/accountId"))));

        // E's next clean ad is E's alone: approved, with no finding.
        Api.submit(e.with("adId", "e-second"), "APPROVED");
        // A user complaint against the poisoned domain reaches C's record, not E's live ad.
        complained("domain", poisoned, "USER", "user-after", null);
        ReviewApi.submission(eLive).body("status", equalTo("APPROVED")).body("statusChanges", emptyIterable());

        Api.staff()
                .get("/v1/entities/{id}", field(e, "/advertiser/creditCode"))
                .then()
                .statusCode(200)
                .body("holder", equalTo(field(e, "/advertiser/accountId")))
                .body("identifiers.accounts", contains(field(e, "/advertiser/accountId")))
                .body("identifiers.domains", not(hasItem(poisoned)))
                .body("complaints.find { it.days == 90 }.count", equalTo(0))
                .body("liveAds.adId", containsInAnyOrder(eAdId, "e-second"));
        Api.staff()
                .get("/v1/entities/{id}", poisoned)
                .then()
                .body("holder", equalTo(field(c, "/advertiser/accountId")))
                .body("complaints.find { it.days == 90 }.count", equalTo(2));
    }

    @Test
    void claimsAcrossFourAccountsJoinNobodysRecord() {
        TestPackages a = TestPackages.example("01-approved-p2p").asNewEntity();
        TestPackages b = TestPackages.example("01-approved-p2p").asNewEntity();
        String bLive = Api.submit(b, "APPROVED");
        // A names B's app id: a conflict for a reviewer, not a merger.
        String aPending = Api.submit(a.with("product.appId", field(b, "/product/appId")), "PENDING_REVIEW");
        ReviewApi.submission(aPending).body("decision.findings.ruleId", contains("identity-app-id-held"));
        // C names A's code and B's domain; E names C's code.
        TestPackages c = naming(
                TestPackages.example("01-approved-p2p").asNewEntity(),
                field(a, "/advertiser/creditCode"),
                field(b, "/product/domain"));
        Api.submit(c, "PENDING_REVIEW");

        // The police on A's account: A's record only.
        complained("advertiserAccountId", field(a, "/advertiser/accountId"), "POLICE", null, null);
        ReviewApi.submission(bLive).body("status", equalTo("APPROVED"));
        Api.submit(b.with("adId", "b-second"), "APPROVED");
        // A regulator on B's domain: B's ads, never C's, which names it.
        complained("domain", field(b, "/product/domain"), "REGULATOR", null, null);
        ReviewApi.submission(bLive).body("status", equalTo("PULLED"));
        for (TestPackages account : List.of(a, c)) {
            Api.staff()
                    .get("/v1/entities/{id}", field(account, "/advertiser/accountId"))
                    .then()
                    .body("identifiers.accounts", contains(field(account, "/advertiser/accountId")))
                    .body("conflicts.claimant", hasItem(field(account, "/advertiser/accountId")));
        }
        Api.staff()
                .get("/v1/entities/{id}", field(c, "/advertiser/accountId"))
                .then()
                .body("complaints.find { it.days == 90 }.count", equalTo(0));
    }

    @Test
    void aComplaintAgainstTheHoldersCodeNeverReachesTheClaimantsAds() {
        TestPackages e = TestPackages.example("01-approved-p2p").asNewEntity();
        String eLive = Api.submit(e, "APPROVED");
        TestPackages c = TestPackages.example("01-approved-p2p").asNewEntity();
        String cLive = Api.submit(c, "APPROVED");
        // C's second ad names E's code: it waits for a reviewer, C's first ad is untouched.
        Api.submit(
                c.with("adId", "c-claim").with("advertiser.creditCode", field(e, "/advertiser/creditCode")),
                "PENDING_REVIEW");

        complained("creditCode", field(e, "/advertiser/creditCode"), "REGULATOR", null, null);

        ReviewApi.submission(eLive).body("status", equalTo("PULLED"));
        ReviewApi.submission(cLive).body("status", equalTo("APPROVED"));
    }

    @Test
    void complaintsWithoutReporterAreRefusedAndADisguisedReporterCountsOnce() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String live = Api.submit(ad, "APPROVED");
        String domain = field(ad, "/product/domain");

        for (int i = 0; i < 20; i++) {
            complain("domain", domain, "USER", null, null)
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("reporterId"));
        }
        complain("domain", domain, "USER", " \u200b ", null)
                .statusCode(400)
                .body("errors.field", contains("reporterId"));
        Api.staff().queryParam("subject", domain).get("/v1/complaints").then().body("items", emptyIterable());

        List<String> disguises = List.of("R-SAME", " r-same", "r-same\u200b", "r-same ", "ｒ－ｓａｍｅ");
        for (int i = 0; i < 20; i++) {
            complained("domain", domain, "USER", disguises.get(i % disguises.size()), null);
        }
        ReviewApi.submission(live).body("status", equalTo("APPROVED")).body("statusChanges", emptyIterable());
        Api.staff()
                .get("/v1/entities/{id}", domain)
                .then()
                .body("complaints.find { it.days == 90 }.count", equalTo(1))
                .body("complaints.find { it.days == 90 }.bySource.USER", equalTo(1));
        Api.staff().queryParam("subject", domain).get("/v1/complaints").then().body("items", hasSize(20));
    }

    @Test
    void oneReportersMillionEscalatesAndASecondReporterMakesItPull() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String live = Api.submit(ad, "APPROVED");
        String app = field(ad, "/product/appId");

        complained("appId", app, "USER", "victim-1", "1000000");

        ReviewApi.submission(live).body("status", equalTo("APPROVED"));
        String caseId = ReviewApi.caseOf(live);
        Api.staff()
                .get("/v1/reviews/{id}", caseId)
                .then()
                .body("kind", equalTo("RE_EVALUATION"))
                .body("findings.ruleId", contains("complaint-amount-one-reporter"));

        complained("appId", app, "USER", "victim-2", "10");

        ReviewApi.submission(live)
                .body("status", equalTo("PULLED"))
                .body("statusChanges[0].decision.findings.ruleId", hasItem("complaint-volume"));
    }

    @Test
    void aReinstatementStandsAgainstTheComplaintsItSawButNotAgainstTheNextAuthority() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String adId = "verdict-" + field(ad, "/advertiser/accountId");
        String account = field(ad, "/advertiser/accountId");
        String live = Api.submit(ad.with("adId", adId), "APPROVED");
        complained("advertiserAccountId", account, "REGULATOR", null, null);
        ReviewApi.submission(live).body("status", equalTo("PULLED"));

        Api.as("wang")
                .contentType(ContentType.JSON)
                .queryParam("accountId", account)
                .body("{\"reason\":\"监管通报系误报，已核实\"}")
                .post("/v1/ads/{adId}/reinstate", adId)
                .then()
                .statusCode(200)
                .body("status", equalTo("APPROVED"));

        // One more complaint re-evaluates the ad: the regulator complaint the reviewer saw no longer counts.
        complained("advertiserAccountId", account, "USER", "user-next", null);
        ReviewApi.submission(live).body("status", equalTo("APPROVED")).body("statusChanges", hasSize(2));

        // The police after the verdict is new: it pulls at once.
        String police = Api.as("li")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account
                        + "\"},\"source\":\"POLICE\",\"category\":\"FRAUD\",\"description\":\"立案侦查\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ReviewApi.submission(live)
                .body("status", equalTo("PULLED"))
                .body("statusChanges[2].complaintId", equalTo(police));
    }

    @Test
    void aGrantedAppealStandsAgainstTheComplaintsItSaw() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = field(ad, "/advertiser/accountId");
        String live = Api.submit(ad, "APPROVED");
        for (int i = 0; i < 20; i++) {
            complained("advertiserAccountId", account, "USER", "crowd-" + i, null);
        }
        ReviewApi.submission(live).body("status", equalTo("PULLED"));

        String caseId = Api.gateway(account)
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"投诉为竞争对手组织的刷量\",\"findings\":[\"complaint-volume\"]}")
                .post("/v1/submissions/{id}/appeals", live)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        ReviewApi.claim(caseId, "li").statusCode(200);
        ReviewApi.decide(caseId, "li", "{\"outcome\":\"APPROVE\",\"reason\":\"投诉来源可疑，申诉成立\"}")
                .statusCode(200)
                .body("resolution.submissionStatus", equalTo("APPROVED"));

        // Four more complaints: below every threshold counted from the verdict, though 24 in 90 days.
        for (int i = 0; i < 4; i++) {
            complained("advertiserAccountId", account, "USER", "later-" + i, null);
        }
        ReviewApi.submission(live).body("status", equalTo("APPROVED"));
        assertThat(Api.staff()
                        .queryParam("subject", account)
                        .queryParam("limit", 100)
                        .get("/v1/complaints")
                        .then()
                        .extract()
                        .<List<Object>>path("items"))
                .hasSize(24);
    }
}
