package com.adreview.review;

import static com.adreview.review.ReviewApi.caseOf;
import static com.adreview.review.ReviewApi.claim;
import static com.adreview.review.ReviewApi.decide;
import static com.adreview.review.ReviewApi.pending;
import static com.adreview.review.ReviewApi.release;
import static com.adreview.review.ReviewApi.submission;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.FeedReader;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The review queue through its API: cases, leases, verdicts and the race between two verdicts. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ReviewResourceTest {

    private static final String APPROVE = "{\"outcome\":\"APPROVE\",\"reason\":\"店庆活动属实，名额确有限制\"}";

    @Test
    void anEscalatedSubmissionIsQueuedBeforeItsCreatedIsAnsweredOldestFirstWithAgeAndDueTime() {
        TestPackages first = pending().with("adId", "queue-a");
        TestPackages second = pending()
                .with("adId", "queue-b")
                .with(
                        "advertiser.accountId",
                        first.json().at("/advertiser/accountId").asText());
        String a = submit(first, "PENDING_REVIEW");
        String b = submit(second, "PENDING_REVIEW");
        String account = first.json().at("/advertiser/accountId").asText();

        var page = Api.staff()
                .queryParam("accountId", account)
                .queryParam("state", "OPEN")
                .queryParam("topic", "PRESSURE_TACTICS")
                .queryParam("category", "P2P_LENDING")
                .queryParam("overdue", "false")
                .get("/v1/reviews")
                .then()
                .statusCode(200)
                .body("items.submissionId", contains(a, b))
                .body("items[0].kind", equalTo("INTAKE"))
                .body("items[0].state", equalTo("OPEN"))
                .body("items[0].topics", contains("PRESSURE_TACTICS"))
                .body("items[0].findings.ruleId", hasItem("pressure-tactics"))
                .body("items[0].ageSeconds", greaterThanOrEqualTo(0))
                .body("items[0].overdue", equalTo(false))
                .extract()
                .jsonPath();
        // The case read on its own a moment later is as old, or a second or two older (a second may turn).
        Duration listed = Duration.parse(page.getString("items[0].age"));
        assertThat(listed.getSeconds()).isEqualTo(page.getLong("items[0].ageSeconds"));
        Duration alone = Duration.parse(
                Api.staff().get("/v1/reviews/{id}", caseOf(a)).then().extract().path("age"));
        assertThat(alone).isBetween(listed, listed.plusSeconds(2));
        Instant opened = Instant.parse(page.getString("items[0].openedAt"));
        Instant due = Instant.parse(page.getString("items[0].dueAt"));
        assertThat(Duration.between(opened, due)).isEqualTo(Duration.ofHours(4)); // the P2P SLA

        Api.staff()
                .queryParam("accountId", account)
                .queryParam("overdue", "true")
                .get("/v1/reviews")
                .then()
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void queueFiltersThatDoNotParseAreProblemsNamingTheParameter() {
        Api.staff()
                .queryParam("state", "WAITING")
                .get("/v1/reviews")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("state"));
        Api.staff()
                .queryParam("overdue", "yes")
                .get("/v1/reviews")
                .then()
                .statusCode(400)
                .body("errors.field", contains("overdue"));
        Api.staff()
                .queryParam("topic", "FRAUD")
                .get("/v1/reviews")
                .then()
                .statusCode(400)
                .body("errors.field", contains("topic"));
        Api.staff().get("/v1/reviews/{id}", "nope").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aClaimKeepsOthersOutUntilReleased() {
        String caseId = caseOf(submit(pending(), "PENDING_REVIEW"));

        claim(caseId, "li")
                .statusCode(200)
                .body("state", equalTo("CLAIMED"))
                .body("claimedBy", equalTo("li"))
                .body("leaseExpiresAt", org.hamcrest.Matchers.notNullValue());
        claim(caseId, "wang").statusCode(409).body("detail", containsString("claimed by li"));
        claim(caseId, "li").statusCode(200); // renewing one's own lease
        release(caseId, "wang").statusCode(409);
        decide(caseId, "wang", APPROVE).statusCode(409);
        Api.staff()
                .queryParam("state", "CLAIMED")
                .queryParam("submissionId", submissionOf(caseId))
                .get("/v1/reviews")
                .then()
                .body("items.id", contains(caseId));

        release(caseId, "li").statusCode(200).body("state", equalTo("OPEN")).body("claimedBy", nullValue());
        claim(caseId, "wang").statusCode(200).body("claimedBy", equalTo("wang"));
        Api.staff()
                .get("/v1/reviews/{id}", caseId)
                .then()
                .body("history.action", contains("OPENED", "CLAIMED", "CLAIMED", "RELEASED", "CLAIMED"));
    }

    @Test
    void theLeaseHoldersApprovalMakesTheAdLiveAndTheFeedHearsOfIt() {
        long feedStart = FeedReader.end();
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        decide(caseId, "li", APPROVE).statusCode(409).body("detail", containsString("claim it first"));
        claim(caseId, "li").statusCode(200);

        decide(caseId, "li", APPROVE)
                .statusCode(200)
                .body("state", equalTo("DONE"))
                .body("resolution.outcome", equalTo("APPROVE"))
                .body("resolution.reviewer", equalTo("li"))
                .body("resolution.reason", equalTo("店庆活动属实，名额确有限制"))
                .body("resolution.submissionStatus", equalTo("APPROVED"));

        submission(submissionId)
                .body("status", equalTo("APPROVED"))
                .body("statusChanges[-1].from", equalTo("PENDING_REVIEW"))
                .body("statusChanges[-1].to", equalTo("APPROVED"))
                .body("statusChanges[-1].cause", equalTo("REVIEW"))
                .body("statusChanges[-1].actor", equalTo("li"))
                .body("statusChanges[-1].caseId", equalTo(caseId));
        List<Map<String, Object>> changes = FeedReader.changesOf(submissionId, feedStart);
        assertThat(changes).extracting(c -> c.get("to")).containsExactly("PENDING_REVIEW", "APPROVED");
        assertThat(changes.get(1).get("cause")).isEqualTo("REVIEW");

        decide(caseId, "li", APPROVE).statusCode(409);
        claim(caseId, "li").statusCode(409).body("detail", containsString("closed"));
    }

    @Test
    void aRejectionRecordsTheFindingsTheReviewerAddedAndDismissed() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        claim(caseId, "li").statusCode(200);
        decide(
                        caseId,
                        "li",
                        """
                        {"outcome":"REJECT","reason":"落地页要求添加客服微信",
                         "findings":[{"action":"DISMISS","ruleId":"pressure-tactics"},
                                     {"action":"ADD","topic":"OFF_PLATFORM_CONTACT","message":"落地页二维码引导加微信",
                                      "field":"creative.landingUrl","text":"https://www.hengyuan-p2p.cn/"}]}
                        """)
                .statusCode(200)
                .body("resolution.outcome", equalTo("REJECT"))
                .body("resolution.dismissedFindings", contains("pressure-tactics"))
                .body("resolution.addedFindings[0].topic", equalTo("OFF_PLATFORM_CONTACT"))
                .body("resolution.addedFindings[0].message", equalTo("落地页二维码引导加微信"))
                .body("resolution.addedFindings[0].evidence[0].field", equalTo("creative.landingUrl"))
                .body("resolution.submissionStatus", equalTo("REJECTED"));
        submission(submissionId).body("status", equalTo("REJECTED"));
    }

    @Test
    void aBadVerdictIsAProblemNamingEveryFieldAndChangesNothing() {
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        claim(caseId, "li").statusCode(200);
        decide(caseId, "li", "{\"outcome\":\"MAYBE\",\"reason\":\" \"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("outcome", "reason"));
        decide(
                        caseId,
                        "li",
                        "{\"outcome\":\"REJECT\",\"reason\":\"x\",\"findings\":[{\"action\":\"DISMISS\",\"ruleId\":\"no-such-rule\"},"
                                + "{\"action\":\"ADD\"}]}")
                .statusCode(400)
                .body("errors.field", contains("findings[0].ruleId", "findings[1].topic", "findings[1].message"));
        io.restassured.RestAssured.given()
                .contentType("application/json")
                .body(APPROVE)
                .post("/v1/reviews/{id}/decision", caseId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        submission(submissionId).body("status", equalTo("PENDING_REVIEW"));
        Api.staff().get("/v1/reviews/{id}", caseId).then().body("state", equalTo("CLAIMED"));
    }

    @Test
    void ofConcurrentVerdictsExactlyOneWinsAndTheOthersGet409() throws Exception {
        long feedStart = FeedReader.end();
        String submissionId = submit(pending(), "PENDING_REVIEW");
        String caseId = caseOf(submissionId);
        claim(caseId, "li").statusCode(200);

        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String verdict = i % 2 == 0 ? APPROVE : "{\"outcome\":\"REJECT\",\"reason\":\"不同意\"}";
            answers.add(pool.submit(() -> {
                start.await();
                return decide(caseId, "li", verdict).extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> codes = new ArrayList<>();
        for (Future<Integer> f : answers) {
            codes.add(f.get());
        }
        pool.shutdown();

        assertThat(codes).filteredOn(c -> c == 200).hasSize(1);
        assertThat(codes).filteredOn(c -> c == 409).hasSize(racers - 1);
        var s = submission(submissionId).extract().jsonPath();
        assertThat(s.getList("statusChanges")).hasSize(1);
        assertThat(FeedReader.changesOf(submissionId, feedStart)).hasSize(2); // intake, then the one verdict
    }

    @Test
    void aNewRevisionSupersedesTheOpenCaseOfTheOldOne() {
        TestPackages ad = pending();
        String first = submit(ad, "PENDING_REVIEW");
        String firstCase = caseOf(first);
        claim(firstCase, "li").statusCode(200);
        String second = submit(ad, "PENDING_REVIEW");

        Api.staff()
                .get("/v1/reviews/{id}", firstCase)
                .then()
                .body("state", equalTo("DONE"))
                .body("resolution.outcome", equalTo("SUPERSEDED"))
                .body("resolution.reason", containsString("revision 2"));
        decide(firstCase, "li", APPROVE).statusCode(409);
        assertThat(caseOf(second)).isNotEqualTo(firstCase);
    }

    private static String submissionOf(String caseId) {
        return Api.staff().get("/v1/reviews/{id}", caseId).then().extract().path("submissionId");
    }
}
