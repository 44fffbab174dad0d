package com.adreview.simulation;

import static com.adreview.simulation.SimulationResourceTest.CAPITAL;
import static com.adreview.simulation.SimulationResourceTest.RAISED;
import static com.adreview.simulation.SimulationResourceTest.awaitEnd;
import static com.adreview.simulation.SimulationResourceTest.p2p;
import static com.adreview.simulation.SimulationResourceTest.simulate;
import static com.adreview.simulation.SimulationResourceTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The simulation page as HTML: the chart, the affected ads with the appearing finding, who may see it. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class SimulationConsoleTest {

    @Test
    void theSimulationPageDrawsTheTransitionsAndListsTheAffectedAdsWithTheirNewEvidence() throws Exception {
        String pulled = submit(p2p(CAPITAL), "APPROVED");
        String id = simulate(CandidateArchives.p2pCapitalRaisedTo(RAISED));
        awaitEnd(id);

        String html = Api.auditor()
                .accept("text/html")
                .get("/console/simulations/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(html).contains("id=\"transition-chart\"").contains("APPROVED → PULLED");
        assertThat(html).contains("data-submission=\"" + pulled + "\"");
        assertThat(html)
                .contains("capital-below-minimum")
                .contains("<mark class=\"evidence\">advertiser.registeredCapital");
        assertThat(html).doesNotContain("<script");

        Api.auditor()
                .accept("text/html")
                .get("/console/simulations")
                .then()
                .statusCode(200)
                .body(containsString("/console/simulations/" + id));
        Api.as("li")
                .accept("text/html")
                .get("/console/simulations/{id}", id)
                .then()
                .statusCode(403);
        Api.auditor()
                .accept("text/html")
                .get("/console/simulations/{id}", "000000000000000000000000")
                .then()
                .statusCode(404)
                .body(containsString("id=\"error\""));
    }
}
