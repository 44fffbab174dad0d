package com.adreview.suspension;

import static com.adreview.suspension.SuspensionTests.awaitSweepDone;
import static com.adreview.suspension.SuspensionTests.status;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPEndpoint;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Intake decides with the active suspensions this instance read at most a tenth of the intake settle ago
 * ({@link SuspensionService#activeForIntake}), and what other instances do to the suspensions meanwhile
 * changes nothing that must not change: a suspension begun elsewhere still has every live ad of its category
 * pulled, and a lift made elsewhere lets the next package of the category in.
 */
@QuarkusTest
@TestProfile(SuspensionIntakeViewTest.Settle5s.class)
@WithTestResource(EmbeddedStoreResource.class)
@TestHTTPEndpoint(SuspensionResource.class)
class SuspensionIntakeViewTest {

    /** A store of its own (whole categories are suspended), and an intake settle of 5 s: a view of half a second. */
    public static class Settle5s implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("adreview.suspension.intake-settle", "5s");
        }
    }

    @Inject
    com.mongodb.client.MongoDatabase database;

    private String suspend(String category, String reason) {
        return Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"category\":\"" + category + "\",\"reason\":\"" + reason + "\"}")
                .post()
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /**
     * Intake decides with the suspensions this instance read a moment ago (SuspensionService#activeForIntake);
     * one begun on another instance meanwhile is not among them, and what intake approves with them is pulled
     * by that suspension's sweep all the same.
     */
    @Test
    void aSuspensionBegunOnAnotherInstanceIsMetByItsSweepWhateverIntakeHereKnewOfIt() throws Exception {
        submit(TestPackages.example("01-approved-p2p").asNewEntity().with("category", "INSURANCE"), "APPROVED");
        // Another instance suspends CONSUMER_CREDIT: the store changes, this instance is not told.
        org.bson.types.ObjectId id = new org.bson.types.ObjectId();
        database.getCollection("suspensions")
                .insertOne(new org.bson.Document("_id", id)
                        .append("category", "CONSUMER_CREDIT")
                        .append("reason", "suspended elsewhere")
                        .append("createdAt", java.util.Date.from(Instant.now()))
                        .append("createdBy", "ops-elsewhere")
                        .append("activeKey", "CONSUMER_CREDIT")
                        .append("state", "ACTIVE")
                        .append("sweep", "RUNNING")
                        .append("round", 0)
                        .append("pulled", 0L)
                        .append("version", 1L));
        String ad = Api.submitter()
                .basePath("")
                .contentType(ContentType.JSON)
                .body(TestPackages.example("01-approved-p2p")
                        .asNewEntity()
                        .with("category", "CONSUMER_CREDIT")
                        .body())
                .post("/v1/submissions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String decided = status(ad); // APPROVED when decided with what this instance knew, REJECTED when it read anew

        awaitSweepDone(id.toHexString());

        assertThat(status(ad)).as("decided %s", decided).isIn("PULLED", "REJECTED");
        Api.staff().delete("/{id}", id.toHexString()).then().statusCode(200);
    }

    /**
     * What this instance knows of the suspensions does not keep a package out after a lift made elsewhere: a
     * package of a category it knows as suspended is decided with the suspensions read afresh.
     */
    @Test
    void aLiftMadeOnAnotherInstanceIsSeenByTheNextIntakeAtOnce() {
        String suspension = suspend("ECOMMERCE", "lifted elsewhere");
        submit(TestPackages.example("01-approved-p2p").asNewEntity().with("category", "ECOMMERCE"), "REJECTED");
        // Another instance lifts it: the store changes, this instance is not told.
        long lifted = database.getCollection("suspensions")
                .updateOne(
                        com.mongodb.client.model.Filters.eq("_id", new org.bson.types.ObjectId(suspension)),
                        com.mongodb.client.model.Updates.combine(
                                com.mongodb.client.model.Updates.set("state", "LIFTED"),
                                com.mongodb.client.model.Updates.set("activeKey", "lifted:" + suspension),
                                com.mongodb.client.model.Updates.set("liftedAt", java.util.Date.from(Instant.now())),
                                com.mongodb.client.model.Updates.set("liftedBy", "ops-elsewhere"),
                                com.mongodb.client.model.Updates.inc("version", 1L)))
                .getModifiedCount();
        assertThat(lifted).isEqualTo(1);

        submit(TestPackages.example("01-approved-p2p").asNewEntity().with("category", "ECOMMERCE"), "APPROVED");
    }
}
