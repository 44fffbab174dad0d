package com.adreview.dashboard;

import com.adreview.api.ProblemException;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The console's dashboard: the operation at a glance, for reviewers, auditors and admins. */
@Path("/console/dashboard")
@Produces(MediaType.TEXT_HTML)
public class DashboardResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance dashboard(Page page);
    }

    /** A list of counts as the page shows it, with bars as wide as their share of the largest. */
    public record Ranked(String name, int count, int percent) {}

    public record Page(
            String reviewer,
            int range,
            List<Integer> ranges,
            List<Chart> charts,
            List<Ranked> topics,
            List<Ranked> rules,
            List<String> ageLabels,
            List<DashboardService.QueueRow> queue,
            int waiting,
            int overdue,
            Map<String, Long> millis) {}

    private final DashboardService dashboard;
    private final Caller caller;

    public DashboardResource(DashboardService dashboard, Caller caller) {
        this.dashboard = dashboard;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(hidden = true)
    public TemplateInstance page(@QueryParam("days") String days) {
        int range = range(days);
        List<String> dayList = dashboard.days(range);
        Map<String, Long> millis = new java.util.LinkedHashMap<>();
        long t = System.nanoTime();
        DashboardService.Decisions decisions = dashboard.decisions(dayList);
        t = lap(millis, "decisions", t);
        DashboardService.DayCounts pulls = dashboard.pulls(dayList);
        t = lap(millis, "pulls", t);
        Map<String, DashboardService.DayCounts> complaints = dashboard.complaints(dayList);
        t = lap(millis, "complaints", t);
        List<DashboardService.QueueRow> queue = dashboard.queue();
        lap(millis, "queue", t);
        List<Chart> charts = List.of(
                Chart.of("decisions", "每日决定 Decisions per day by status", decisions.perDay()),
                Chart.of("pulls", "每日下架 Pulls per day by cause", pulls),
                Chart.of("complaints-category", "每日投诉 Complaints per day by category", complaints.get("category")),
                Chart.of("complaints-source", "每日投诉 Complaints per day by source", complaints.get("source")),
                Chart.of(
                        "complaints-ad-category",
                        "每日投诉 Complaints per day by advertised category",
                        complaints.get("adCategory")));
        return Templates.dashboard(new Page(
                caller.name(),
                range,
                DashboardService.RANGES,
                charts,
                ranked(decisions.topics()),
                ranked(decisions.rules()),
                DashboardService.AGE_LABELS,
                queue,
                queue.stream().mapToInt(DashboardService.QueueRow::waiting).sum(),
                queue.stream().mapToInt(DashboardService.QueueRow::overdue).sum(),
                millis));
    }

    /**
     * A panel's numbers as CSV, for a spreadsheet: the same counts the page draws (one row per UTC day, or
     * per name or kind), downloaded as a file.
     */
    @GET
    @Path("/{panel}.csv")
    @Produces("text/csv; charset=utf-8")
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(hidden = true)
    public Response csv(@PathParam("panel") String panel, @QueryParam("days") String days) {
        int range = range(days);
        String body = Csv.of(dashboard.table(panel, dashboard.days(range)));
        // The panel is one of the known names here (else 404 above), so it is safe in the header.
        return Response.ok(body, "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"dashboard-" + panel + "-" + range + "d.csv\"")
                .build();
    }

    private static long lap(Map<String, Long> millis, String panel, long since) {
        long now = System.nanoTime();
        millis.put(panel, (now - since) / 1_000_000);
        return now;
    }

    private static List<Ranked> ranked(List<DashboardService.Count> counts) {
        int max = counts.stream().mapToInt(DashboardService.Count::count).max().orElse(1);
        return counts.stream()
                .map(c -> new Ranked(c.name(), c.count(), Math.max(1, 100 * c.count() / max)))
                .toList();
    }

    static int range(String days) {
        if (days == null || days.isBlank()) {
            return 7;
        }
        try {
            int d = Integer.parseInt(days.strip());
            if (DashboardService.RANGES.contains(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.invalidField("days", "must be one of " + DashboardService.RANGES);
    }
}
