package com.adreview.suspension;

import static com.adreview.suspension.SuspensionTests.awaitSweepDone;
import static com.adreview.suspension.SuspensionTests.status;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.IsolatedStoreProfile;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(SuspensionResource.class)
class SuspensionResourceTest {

    @Test
    void suspendingACategoryPullsItsLiveAdsRejectsNewOnesAndLiftingChangesNoPastDecision() throws Exception {
        List<String> p2p = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            p2p.add(submit(TestPackages.example("01-approved-p2p").asNewEntity(), "APPROVED"));
        }
        String credit = submit(
                TestPackages.example("01-approved-p2p").asNewEntity().with("category", "CONSUMER_CREDIT"), "APPROVED");

        String suspension = Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"P2P_LENDING\",\"reason\":\"429 complaints, CNY 40 million involved\"}")
                .post()
                .then()
                .statusCode(201)
                .body("state", equalTo("ACTIVE"))
                .extract()
                .path("id");
        awaitSweepDone(suspension);

        Api.staff().get("/{id}", suspension).then().body("pulled", equalTo(3)).body("sweepFinishedAt", notNullValue());
        for (String id : p2p) {
            Api.staff()
                    .basePath("")
                    .get("/v1/submissions/{id}", id)
                    .then()
                    .body("status", equalTo("PULLED"))
                    .body("statusChanges[0].cause", equalTo("CATEGORY_SUSPENDED"))
                    .body("statusChanges[0].decision.findings.topic", hasItem("CATEGORY_SUSPENDED"));
        }
        assertThat(status(credit)).isEqualTo("APPROVED");
        Api.submitter()
                .basePath("")
                .contentType(ContentType.JSON)
                .body(TestPackages.example("01-approved-p2p").asNewEntity().body())
                .post("/v1/submissions")
                .then()
                .body("status", equalTo("REJECTED"))
                .body("decision.findings.topic", hasItem("CATEGORY_SUSPENDED"));
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"P2P_LENDING\",\"reason\":\"again\"}")
                .post()
                .then()
                .statusCode(409)
                .contentType("application/problem+json");

        Api.staff().delete("/{id}", suspension).then().statusCode(200).body("state", equalTo("LIFTED"));

        submit(TestPackages.example("01-approved-p2p").asNewEntity(), "APPROVED");
        for (String id : p2p) {
            assertThat(status(id)).isEqualTo("PULLED");
        }
        Api.staff().delete("/{id}", suspension).then().statusCode(409);
        Api.staff().get().then().statusCode(200).body("id", hasItem(suspension));

        // A lifted category can be suspended again, and lifted again.
        String again = Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"P2P_LENDING\",\"reason\":\"again\"}")
                .post()
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        awaitSweepDone(again);
        Api.staff().delete("/{id}", again).then().statusCode(200);
    }

    @Test
    void badRequestsAndUnknownSuspensionsAreProblems() {
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"CASINO\"}")
                .post()
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("category", "reason"));
        Api.staff().get("/{id}", "000000000000000000000000").then().statusCode(404);
        Api.staff().delete("/{id}", "nope").then().statusCode(404);
    }

    @Inject
    com.mongodb.client.MongoDatabase database;

    /**
     * An intake that read the suspensions just before one began may store its approved ad of the category
     * after the sweep's first look found nothing live: the sweep finishes only with a round begun a settle
     * after the suspension began (1 s under test), which finds that ad and pulls it.
     */
    @Test
    void anAdAnIntakeStoresJustAfterTheSuspensionBeganIsStillPulled() throws Exception {
        String model =
                submit(TestPackages.example("01-approved-p2p").asNewEntity().with("category", "INSURANCE"), "APPROVED");
        // Now nothing of WEALTH_MANAGEMENT is live; the sweep's first round finds nothing.
        String suspension = Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"WEALTH_MANAGEMENT\",\"reason\":\"a late intake\"}")
                .post()
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        // What the late intake stores: an ad it approved with the suspensions it read before this one began.
        var submissions = database.getCollection("submissions");
        org.bson.Document late = new org.bson.Document(submissions
                .find(com.mongodb.client.model.Filters.eq("_id", new org.bson.types.ObjectId(model)))
                .first());
        org.bson.types.ObjectId lateId = new org.bson.types.ObjectId();
        late.append("_id", lateId).append("adId", "late-intake").append("category", "WEALTH_MANAGEMENT");
        late.get("adPackage", org.bson.Document.class)
                .append("adId", "late-intake")
                .append("category", "WEALTH_MANAGEMENT");
        late.remove("outbox");
        Thread.sleep(300); // after the sweep's first look
        submissions.insertOne(late);
        assertThat(status(lateId.toHexString())).isEqualTo("APPROVED");

        awaitSweepDone(suspension);

        assertThat(status(lateId.toHexString())).isEqualTo("PULLED");
        assertThat(status(model)).isEqualTo("APPROVED");
    }
}
