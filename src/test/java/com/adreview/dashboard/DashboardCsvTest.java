package com.adreview.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Each panel's numbers as CSV through the real application: the page's figures, a file, and no formulas. */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class DashboardCsvTest {

    @Inject
    MongoDatabase database;

    private static ExtractableResponse<Response> csv(String panel, String days) {
        return Api.auditor()
                .queryParam("days", days)
                .get("/console/dashboard/" + panel + ".csv")
                .then()
                .statusCode(200)
                .contentType(equalTo("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"dashboard-" + panel + "-" + days + "d.csv\"")
                .extract();
    }

    private static List<String> lines(String body) {
        assertThat(body).endsWith("\r\n");
        return Arrays.asList(body.split("\r\n"));
    }

    /** The cell of today's row under the column, 0 when the column is absent. */
    private static int today(List<String> lines, String column) {
        List<String> header = Arrays.asList(lines.get(0).split(","));
        String[] row = lines.get(lines.size() - 1).split(",");
        assertThat(row[0]).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        int i = header.indexOf(column);
        return i < 0 ? 0 : Integer.parseInt(row[i]);
    }

    @Test
    void thePanelsNumbersAreTheirCsvAndMoveWithDecisions() {
        List<String> before = lines(csv("decisions", "7").asString());
        assertThat(before.get(0)).startsWith("day,").endsWith(",total");
        assertThat(before).hasSize(8); // the header and seven UTC days, oldest first

        Api.submit(TestPackages.example("01-approved-p2p").asNewEntity()).statusCode(201);
        Api.submit(TestPackages.example("02-rejected-guarantee").asNewEntity()).statusCode(201);

        List<String> after = lines(csv("decisions", "7").asString());
        assertThat(today(after, "APPROVED")).isEqualTo(today(before, "APPROVED") + 1);
        assertThat(today(after, "REJECTED")).isEqualTo(today(before, "REJECTED") + 1);
        assertThat(today(after, "total")).isEqualTo(today(before, "total") + 2);

        // The same figures as the page's chart says for the range.
        String page = Api.auditor()
                .queryParam("days", "30")
                .get("/console/dashboard")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> month = lines(csv("decisions", "30").asString());
        assertThat(month).hasSize(31);
        List<String> header = Arrays.asList(month.get(0).split(","));
        int col = header.indexOf("APPROVED");
        int approved = month.subList(1, month.size()).stream()
                .mapToInt(l -> Integer.parseInt(l.split(",")[col]))
                .sum();
        assertThat(approved).isEqualTo(DashboardPageTest.total(page, "decisions", "APPROVED"));
        for (String panel : DashboardService.PANELS) {
            assertThat(page).as("a link to the %s panel's CSV", panel).contains("/console/dashboard/" + panel + ".csv");
        }
        assertThat(page).contains("href=\"/console/dashboard/decisions.csv?days=30\"");

        assertThat(lines(csv("rules", "7").asString()).get(0)).isEqualTo("rule,count");
        assertThat(lines(csv("topics", "90").asString()).get(0)).isEqualTo("topic,count");
        assertThat(lines(csv("queue", "7").asString()).get(0)).startsWith("kind,waiting,overdue,");
        assertThat(lines(csv("complaints-source", "30").asString())).hasSize(31);
        assertThat(lines(csv("pulls", "90").asString())).hasSize(91);
    }

    @Test
    void aNameThatLooksLikeAFormulaIsNotOne() {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        String evil = "=HYPERLINK(\"http://evil.example\",\"rule\")";
        String id = "rule|" + day + "|" + evil;
        // As if a policy pack had named a rule so: a rule's day count, kept as the live path keeps it.
        database.getCollection("decisionDays")
                .insertOne(new Document("_id", id)
                        .append("dim", "rule")
                        .append("day", day)
                        .append("value", evil)
                        .append("n", 1_000_000L));
        try {
            String body = csv("rules", "7").asString();
            assertThat(lines(body).get(1))
                    .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"rule\"\")\",1000000");
            assertThat(body).doesNotContain(",=").doesNotContain("\n=");
        } finally {
            database.getCollection("decisionDays").deleteOne(Filters.eq("_id", id));
        }
    }

    @Test
    void sameRolesAsThePageAndBadInputNamed() {
        Api.anyone().get("/console/dashboard/decisions.csv").then().statusCode(401);
        Api.gateway("acct-dashboard-csv")
                .get("/console/dashboard/decisions.csv")
                .then()
                .statusCode(403);
        Api.as("li").get("/console/dashboard/decisions.csv").then().statusCode(200);
        Api.admin().get("/console/dashboard/queue.csv").then().statusCode(200);
        Api.auditor()
                .queryParam("days", "5")
                .get("/console/dashboard/decisions.csv")
                .then()
                .statusCode(400)
                .body(containsString("<code>days</code>"));
        Api.auditor()
                .get("/console/dashboard/nonsense.csv")
                .then()
                .statusCode(404)
                .body(containsString("<code>panel</code>"));
    }
}
