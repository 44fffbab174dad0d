package com.adreview.simulation;

import com.adreview.api.ConsoleForms;
import com.adreview.api.ProblemException;
import com.adreview.api.Roles;
import com.adreview.security.Caller;
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
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's pages of policy simulations: the list, and one simulation with its transition counts
 * as a bar chart (server-drawn SVG: no script, no CDN) and its affected ads, the findings that would
 * appear marked as evidence is on the case page and those that would disappear struck through.
 */
@Path("/console/simulations")
@Produces(MediaType.TEXT_HTML)
public class SimulationConsole {

    /** Affected ads shown per page. */
    static final int PAGE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance simulations(ListPage page);

        static native TemplateInstance simulation(Page page);
    }

    /** The list of simulations. */
    public record ListPage(String reviewer, List<SimulationView> simulations) {}

    /** One simulation's page. */
    public record Page(
            String reviewer,
            SimulationView simulation,
            SimulationView.Summary summary,
            Chart chart,
            String scope,
            List<AffectedAdView> ads,
            String next,
            boolean canCancel,
            String notice) {

        public boolean running() {
            return simulation.state() == SimulationState.QUEUED || simulation.state() == SimulationState.RUNNING;
        }
    }

    /** A horizontal bar chart, laid out here so the template only draws it. */
    public record Chart(int width, int height, List<Bar> bars) {}

    /** One bar: its label, count, and where it goes. */
    public record Bar(String label, long count, int y, int barWidth, int textY, String fill) {}

    private final SimulationService simulations;
    private final Caller caller;

    public SimulationConsole(SimulationService simulations, Caller caller) {
        this.simulations = simulations;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance list() {
        return Templates.simulations(new ListPage(caller.name(), simulations.newest(50)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance simulation(
            @PathParam("id") String id,
            @QueryParam("scope") String scope,
            @QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice) {
        SimulationView s = simulations.get(id);
        AffectedAdView.Page ads = simulations.affected(id, scope, PAGE, cursor);
        SimulationView.Summary summary = "RECENT".equalsIgnoreCase(scope) && s.recent() != null ? s.recent() : s.live();
        return Templates.simulation(new Page(
                caller.name(),
                s,
                summary,
                chart(summary.transitions()),
                "RECENT".equalsIgnoreCase(scope) ? "RECENT" : "LIVE",
                ads.items(),
                ads.next(),
                caller.has(Roles.ADMIN) || caller.has(Roles.POLICY_AUTHOR),
                notice == null || notice.isBlank() ? null : notice.substring(0, Math.min(300, notice.length()))));
    }

    /** The cancel button: as {@code DELETE /v1/policy/simulations/{id}}, then back to the page with what happened. */
    @POST
    @Path("/{id}/cancellation")
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response cancel(@PathParam("id") String id, @HeaderParam("Origin") String origin, @Context UriInfo uri) {
        ConsoleForms.requireSameOrigin(origin, uri.getBaseUri());
        String notice;
        try {
            SimulationView s = simulations.cancel(id, caller.actor());
            notice = "已取消 Cancelled: " + s.progress().decided() + " ads decided before it stopped";
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            notice = e.getMessage();
        }
        return Response.seeOther(UriBuilder.fromPath("/console/simulations/{id}")
                        .queryParam("notice", notice)
                        .build(id))
                .build();
    }

    static Chart chart(List<SimulationView.TransitionCount> transitions) {
        int labelWidth = 260;
        int barSpace = 420;
        int row = 30;
        long most = transitions.stream()
                .mapToLong(SimulationView.TransitionCount::count)
                .max()
                .orElse(1);
        List<Bar> bars = new ArrayList<>();
        int y = 8;
        for (SimulationView.TransitionCount t : transitions) {
            int w = (int) Math.max(2, Math.round((double) t.count() / most * barSpace));
            String fill =
                    switch (t.to()) {
                        case PULLED, REJECTED -> "#b3261e"; // the console's --bad
                        case PENDING_REVIEW -> "#a05a00"; // --warn
                        case APPROVED -> "#1e7a3c"; // --ok
                    };
            bars.add(new Bar(t.from() + " → " + t.to(), t.count(), y, w, y + 17, fill));
            y += row;
        }
        return new Chart(labelWidth + barSpace + 80, Math.max(y + 4, 40), bars);
    }
}
