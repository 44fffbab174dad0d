package com.adreview.simulation;

import static com.adreview.simulation.SimulationResourceTest.CAPITAL;
import static com.adreview.simulation.SimulationResourceTest.PATH;
import static com.adreview.simulation.SimulationResourceTest.RAISED;
import static com.adreview.simulation.SimulationResourceTest.awaitEnd;
import static com.adreview.simulation.SimulationResourceTest.p2p;
import static com.adreview.simulation.SimulationResourceTest.simulate;
import static com.adreview.testing.Api.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ended simulations and unused candidates go after the retention (30 days); the trail keeps what was done. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SimulationPurgeTest {

    @Inject
    SimulationPurge purge;

    @Test
    void anEndedSimulationIsKeptForTheRetentionThenDeletedWithItsAdsAndItsUnusedCandidate() throws Exception {
        submit(p2p(CAPITAL), "APPROVED");
        byte[] candidate = CandidateArchives.p2pCapitalRaisedTo(RAISED + 7); // a candidate no other test uses
        String id = simulate(candidate);
        assertThat(awaitEnd(id).getString("state")).isEqualTo("DONE");
        assertThat(Api.auditor()
                        .get(PATH + "/{id}/ads", id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items"))
                .isNotEmpty();

        SimulationPurge.Purged now = purge.purge(Instant.now());
        Api.auditor().get(PATH + "/{id}", id).then().statusCode(200);

        SimulationPurge.Purged later = purge.purge(Instant.now().plus(Duration.ofDays(31)));
        assertThat(later.simulations()).isGreaterThanOrEqualTo(now.simulations() + 1);
        assertThat(later.affectedAds()).isGreaterThanOrEqualTo(1);
        assertThat(later.candidates()).isGreaterThanOrEqualTo(1);
        Api.auditor().get(PATH + "/{id}", id).then().statusCode(404);
        Api.auditor().get(PATH + "/{id}/ads", id).then().statusCode(404);
        assertThat(Api.auditor()
                        .queryParam("subject", "policySimulation:" + id)
                        .get("/v1/audit/events")
                        .then()
                        .extract()
                        .jsonPath()
                        .<String>getList("items.action"))
                .containsExactly("POLICY_SIMULATED");

        // The same candidate sent again is kept again and simulated as before.
        String again = simulate(candidate);
        assertThat(awaitEnd(again).getString("state")).isEqualTo("DONE");
        assertThat(purge.purge(Instant.now()).simulations()).isZero();
    }
}
