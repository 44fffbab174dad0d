package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboard page through the real application: its figures move with what happens. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class DashboardPageTest {

    private static String page(String days) {
        return Api.auditor()
                .queryParam("days", days)
                .get("/console/dashboard")
                .then()
                .statusCode(200)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
    }

    /** A series' total in a chart's accessible description ("…; APPROVED 3, REJECTED 1"); 0 when absent. */
    static int total(String html, String chart, String series) {
        Matcher desc = Pattern.compile("<desc id=\"svg-desc-" + chart + "\">([^<]*)</desc>")
                .matcher(html);
        assertThat(desc.find()).as("chart %s has a description", chart).isTrue();
        Matcher n = Pattern.compile("[;,] " + series + " (\\d+)").matcher(desc.group(1));
        return n.find() ? Integer.parseInt(n.group(1)) : 0;
    }

    @Test
    void theFiguresMoveWithDecisionsAndComplaints() {
        String before = page("7");
        int approved = total(before, "decisions", "APPROVED");
        int rejected = total(before, "decisions", "REJECTED");
        int regulator = total(before, "complaints-source", "REGULATOR");

        TestPackages ok = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.submit(ok).statusCode(201);
        Api.submit(TestPackages.example("02-rejected-guarantee").asNewEntity()).statusCode(201);
        Api.staff()
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"domain\":\""
                        + ok.json().at("/product/domain").asText()
                        + "\"},\"source\":\"REGULATOR\",\"category\":\"UNLICENSED\",\"description\":\"无证经营\"}")
                .post("/v1/complaints")
                .then()
                .statusCode(201);
        com.adreview.testing.Surges.checked();

        String after = page("7");
        assertThat(total(after, "decisions", "APPROVED")).isEqualTo(approved + 1);
        assertThat(total(after, "decisions", "REJECTED")).isEqualTo(rejected + 1);
        assertThat(total(after, "complaints-source", "REGULATOR")).isEqualTo(regulator + 1);
        // The regulator's complaint pulled the approved ad: a pull by complaint today.
        assertThat(total(after, "pulls", "COMPLAINT")).isGreaterThanOrEqualTo(1);
        assertThat(after)
                .contains("<title id=\"svg-title-decisions\">")
                .contains("<details class=\"numbers\" id=\"numbers-decisions\">")
                .contains("id=\"queue-panel\"")
                .contains("id=\"top-rules\"")
                .contains("aria-current=\"page\"");
        // Ninety days hold what seven do.
        assertThat(total(page("90"), "decisions", "APPROVED")).isGreaterThanOrEqualTo(approved + 1);
    }

    @Test
    void onlyStaffSeeItAndABadRangeIsNamed() {
        Api.anyone().get("/console/dashboard").then().statusCode(401);
        Api.gateway("acct-dashboard-gw").get("/console/dashboard").then().statusCode(403);
        Api.as("li").get("/console/dashboard").then().statusCode(200);
        Api.auditor()
                .queryParam("days", "5")
                .get("/console/dashboard")
                .then()
                .statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("days"));
    }

    @Test
    void theGaugesAreExported() {
        String metrics =
                Api.anyone().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .contains("adreview_review_queue_depth{kind=\"INTAKE\"}")
                .contains("adreview_review_overdue{kind=\"APPEAL\"}")
                .contains("adreview_surge_alerts_open ");
    }
}
