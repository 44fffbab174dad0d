package com.adreview.submission;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * An instance numbers an ad's next revision after the last one it stored, without reading the ad first;
 * when another instance (here: a write straight into the store) numbered revisions meanwhile, or numbered
 * an ad this instance never saw, the unique revision index refuses the guess and the revision is numbered
 * from the store: no number taken twice, none skipped, exactly one current revision.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class RevisionNumberingTest {

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> submissions() {
        return database.getCollection(SubmissionStore.COLLECTION);
    }

    private static String accountOf(TestPackages ad) {
        return ad.json().path("advertiser").path("accountId").asText();
    }

    /** What another instance's resubmission leaves: a copy of the ad's current revision as the next one. */
    private void storeNextRevisionElsewhere(String account, String adId) {
        Document current = submissions()
                .find(and(eq("accountId", account), eq("adId", adId), eq("current", true)))
                .first();
        assertThat(current).isNotNull();
        int revision = current.getInteger("revision");
        submissions().updateOne(eq("_id", current.getObjectId("_id")), Updates.set("current", false));
        Document next = new Document(current)
                .append("_id", new ObjectId())
                .append("revision", revision + 1)
                .append("current", true);
        next.remove("outbox");
        submissions().insertOne(next);
    }

    /** The package's JSON under another ad id ({@link TestPackages#with} changes the package itself). */
    private static String bodyAs(TestPackages ad, String adId) {
        com.fasterxml.jackson.databind.node.ObjectNode json = ad.json();
        json.put("adId", adId);
        return json.toString();
    }

    private List<Integer> revisionsOf(String account, String adId, boolean currentOnly) {
        List<Integer> out = new ArrayList<>();
        for (Document d : submissions()
                .find(
                        currentOnly
                                ? and(eq("accountId", account), eq("adId", adId), eq("current", true))
                                : and(eq("accountId", account), eq("adId", adId)))) {
            out.add(d.getInteger("revision"));
        }
        out.sort(Integer::compare);
        return out;
    }

    @Test
    void aRevisionNumberedElsewhereMeanwhileIsNotTakenAgain() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = accountOf(ad);
        Api.submit(ad).statusCode(201).body("revision", equalTo(1));
        Api.submit(ad).statusCode(201).body("revision", equalTo(2)); // this instance now expects 3 next
        storeNextRevisionElsewhere(account, ad.json().path("adId").asText()); // takes 3

        Api.submit(ad).statusCode(201).body("revision", equalTo(4));
        Api.submit(ad).statusCode(201).body("revision", equalTo(5));

        String adId = ad.json().path("adId").asText();
        assertThat(revisionsOf(account, adId, false)).containsExactly(1, 2, 3, 4, 5);
        assertThat(revisionsOf(account, adId, true)).containsExactly(5);
    }

    @Test
    void anAdThisInstanceNeverSawIsNumberedAfterWhatTheStoreHolds() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = accountOf(ad);
        Api.submit(ad).statusCode(201).body("revision", equalTo(1));
        // A second ad of the account, first stored by another instance with revisions 1 and 2.
        Document first = submissions()
                .find(and(
                        eq("accountId", account),
                        eq("adId", ad.json().path("adId").asText())))
                .first();
        Document elsewhere = new Document(first)
                .append("_id", new ObjectId())
                .append("adId", "seen-elsewhere")
                .append("revision", 1)
                .append("current", false);
        elsewhere.remove("outbox");
        submissions().insertOne(elsewhere);
        submissions()
                .insertOne(new Document(elsewhere)
                        .append("_id", new ObjectId())
                        .append("revision", 2)
                        .append("current", true));

        Api.gatewayOf(ad)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(bodyAs(ad, "seen-elsewhere"))
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .body("revision", equalTo(3));

        assertThat(revisionsOf(account, "seen-elsewhere", false)).containsExactly(1, 2, 3);
        assertThat(revisionsOf(account, "seen-elsewhere", true)).containsExactly(3);
    }

    @Test
    void aBatchWithGuessesWrongAndRightKeepsItsOrder() {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String account = accountOf(ad);
        String adId = ad.json().path("adId").asText();
        Api.submit(ad).statusCode(201).body("revision", equalTo(1));
        storeNextRevisionElsewhere(account, adId); // takes 2; this instance expects 2 next

        StringBuilder body = new StringBuilder("{\"items\":[");
        body.append(bodyAs(ad, "fresh-1")).append(',');
        body.append(ad.body()).append(','); // guessed 2, refused: numbered 3 from the store
        body.append(bodyAs(ad, "fresh-2")).append(',');
        body.append(ad.body()).append("]}"); // then 4
        Api.gatewayOf(ad)
                .contentType(io.restassured.http.ContentType.JSON)
                .body(body.toString())
                .post("/v1/submissions/batch")
                .then()
                .statusCode(200)
                .body("stored", equalTo(4))
                .body("items[0].submission.revision", equalTo(1))
                .body("items[1].submission.revision", equalTo(3))
                .body("items[2].submission.revision", equalTo(1))
                .body("items[3].submission.revision", equalTo(4));

        assertThat(revisionsOf(account, adId, false)).containsExactly(1, 2, 3, 4);
        assertThat(revisionsOf(account, adId, true)).containsExactly(4);
    }
}
