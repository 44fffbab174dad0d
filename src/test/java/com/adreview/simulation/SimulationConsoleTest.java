package com.adreview.simulation;

import static com.adreview.simulation.SimulationResourceTest.CAPITAL;
import static com.adreview.simulation.SimulationResourceTest.RAISED;
import static com.adreview.simulation.SimulationResourceTest.awaitEnd;
import static com.adreview.simulation.SimulationResourceTest.p2p;
import static com.adreview.simulation.SimulationResourceTest.simulate;
import static com.adreview.testing.Api.submit;
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

    @Test
    void theCancelButtonCancelsAsTheApiDoesFromTheConsoleOnly() throws Exception {
        String id = simulate(CandidateArchives.p2pCapitalRaisedTo(RAISED));
        String foreign = "https://evil.example";
        Api.admin()
                .header("Origin", foreign)
                .contentType("application/x-www-form-urlencoded")
                .redirects()
                .follow(false)
                .post("/console/simulations/{id}/cancellation", id)
                .then()
                .statusCode(403);
        Api.auditor()
                .contentType("application/x-www-form-urlencoded")
                .redirects()
                .follow(false)
                .post("/console/simulations/{id}/cancellation", id)
                .then()
                .statusCode(403);

        String location = Api.as("author")
                .contentType("application/x-www-form-urlencoded")
                .redirects()
                .follow(false)
                .post("/console/simulations/{id}/cancellation", id)
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(location).contains("/console/simulations/" + id + "?notice=");
        String state = awaitEnd(id).getString("state");
        String page = Api.as("author")
                .accept("text/html")
                .urlEncodingEnabled(false) // the Location is encoded already
                .get(location.substring(location.indexOf("/console/")))
                .then()
                .statusCode(200)
                .extract()
                .asString();
        if (state.equals("CANCELLED")) {
            assertThat(page).contains("id=\"notice\">已取消 Cancelled:").contains("cancelled by user:author");
        } else { // it ended before the button was pressed: said so, nothing changed
            assertThat(state).isEqualTo("DONE");
            assertThat(page).contains("id=\"notice\">Simulation " + id + " has already ended (DONE)");
        }
        assertThat(page).doesNotContain("id=\"cancel-form\""); // no button once it has ended
    }
}
