package com.adreview.review;

import com.adreview.api.ApiConfig;
import com.adreview.api.ConsoleForms;
import com.adreview.api.PageRequest;
import com.adreview.api.ProblemException;
import com.adreview.api.Roles;
import com.adreview.engine.Category;
import com.adreview.engine.Surge;
import com.adreview.security.Caller;
import com.adreview.surge.AcknowledgementRequest;
import com.adreview.surge.AlertService;
import com.adreview.surge.AlertView;
import com.adreview.suspension.SuspensionRequest;
import com.adreview.suspension.SuspensionService;
import com.adreview.suspension.SuspensionView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The console's complaint-surge alerts: what surged, by how much, the trend; a reviewer or an admin
 * acknowledges, and an admin may suspend an alerting category from here through the suspension
 * service (a person decides; the alert never suspends anything itself).
 */
@Path("/console/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance alerts(AlertsPage page);
    }

    /** One alert as the page shows it, with its trend drawn as bars. */
    public record Row(
            AlertView alert,
            boolean category,
            boolean open,
            String tail,
            String baseline,
            String expected,
            List<Bar> bars,
            String trendText) {}

    /** One day of a trend: its bar and the count it stands for. */
    public record Bar(int x, int y, int height, int count, boolean recent, int daysAgo) {}

    public record AlertsPage(
            String reviewer,
            boolean canAcknowledge,
            boolean canSuspend,
            String stateName,
            List<Row> rows,
            String next,
            String notice) {}

    private final AlertService alerts;
    private final SuspensionService suspensions;
    private final Caller caller;
    private final ApiConfig api;

    public AlertConsoleResource(AlertService alerts, SuspensionService suspensions, Caller caller, ApiConfig api) {
        this.alerts = alerts;
        this.suspensions = suspensions;
        this.caller = caller;
        this.api = api;
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(hidden = true)
    public TemplateInstance list(
            @QueryParam("state") String state,
            @QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice) {
        // Absent: the open ones, what a person comes for; ALL: every state.
        String asked = state == null ? "OPEN" : "ALL".equals(state) ? null : state;
        var page = alerts.list(asked, PageRequest.of(null, cursor, api));
        List<Row> rows = page.items().stream().map(AlertConsoleResource::row).toList();
        return Templates.alerts(new AlertsPage(
                caller.name(),
                caller.has(Roles.REVIEWER) || caller.has(Roles.ADMIN),
                caller.has(Roles.ADMIN),
                asked == null ? "ALL" : asked,
                rows,
                page.next(),
                notice));
    }

    @POST
    @Path("/{id}/acknowledgement")
    @RolesAllowed({Roles.REVIEWER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response acknowledge(
            @PathParam("id") String id,
            @HeaderParam("Origin") String origin,
            @Context UriInfo uri,
            @RestForm String note) {
        return act(origin, uri, () -> {
            AlertView a = alerts.acknowledge(id, new AcknowledgementRequest(note), caller.actor());
            return "已确认 Acknowledged: " + a.scope() + " " + a.subject();
        });
    }

    @POST
    @Path("/{id}/suspension")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response suspend(
            @PathParam("id") String id,
            @HeaderParam("Origin") String origin,
            @Context UriInfo uri,
            @RestForm String reason) {
        return act(origin, uri, () -> {
            AlertView a = alerts.get(id);
            if (a.scope() != Surge.Scope.CATEGORY) {
                throw ProblemException.conflict("Only a category's alert recommends a suspension");
            }
            Category category = Category.valueOf(a.subject());
            String why = reason == null || reason.isBlank()
                    ? "Complaint surge: alert " + id + ", " + a.numbers().recentCount() + " complaints in "
                            + a.numbers().recentDays() + " days, " + a.numbers().entitiesRisingCount()
                            + " entities rising"
                    : reason.strip();
            if (why.length() > 1000) {
                throw ProblemException.invalidField("reason", "must be at most 1000 characters");
            }
            SuspensionView s = suspensions.suspend(new SuspensionRequest(category, why), caller.actor());
            if (a.state() == com.adreview.surge.AlertState.OPEN) {
                alerts.acknowledge(
                        id, new AcknowledgementRequest("Suspended the category: suspension " + s.id()), caller.actor());
            }
            return "已暂停类别 Suspended " + category + " (suspension " + s.id() + "); live ads are being pulled";
        });
    }

    private interface Action {
        String run();
    }

    /** Runs a form's action and goes back to the alerts, with what happened or what went wrong. */
    private Response act(String origin, UriInfo uri, Action action) {
        ConsoleForms.requireSameOrigin(origin, uri.getBaseUri());
        String notice;
        try {
            notice = action.run();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            notice = e.errors().isEmpty()
                    ? e.getMessage()
                    : e.title() + ": "
                            + e.errors().stream()
                                    .map(f -> f.field() + " " + f.message())
                                    .collect(Collectors.joining("; "));
        }
        return Response.seeOther(UriBuilder.fromPath("/console/alerts")
                        .queryParam("state", "ALL")
                        .queryParam("notice", notice)
                        .build())
                .build();
    }

    static Row row(AlertView a) {
        List<Integer> trend = a.trend();
        int max = Math.max(1, trend.stream().mapToInt(Integer::intValue).max().orElse(1));
        List<Bar> bars = new ArrayList<>(trend.size());
        int recentFrom = trend.size() - a.numbers().recentDays();
        for (int i = 0; i < trend.size(); i++) {
            int v = trend.get(i);
            int h = v == 0 ? 1 : Math.max(2, Math.round(30f * v / max));
            bars.add(new Bar(i * 6, 32 - h, h, v, i >= recentFrom, trend.size() - 1 - i));
        }
        return new Row(
                a,
                a.scope() == Surge.Scope.CATEGORY,
                a.state() == com.adreview.surge.AlertState.OPEN,
                String.format(Locale.ROOT, "%.2g", a.numbers().tailProbability()),
                String.format(Locale.ROOT, "%.3f", a.numbers().baselinePerDay()),
                String.format(Locale.ROOT, "%.1f", a.numbers().expected()),
                bars,
                trend.stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }
}
