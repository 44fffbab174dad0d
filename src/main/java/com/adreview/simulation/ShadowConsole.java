package com.adreview.simulation;

import com.adreview.api.Roles;
import com.adreview.security.Caller;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The console's page of the shadow pack: which candidate decides beside the pack in force and since when,
 * how often it disagreed (the transitions as a bar chart, the topics and rules as tables) and the newest
 * disagreements with the findings that would appear and disappear. The same figures as
 * {@code GET /v1/policy/shadow}; installing and removing stay API calls.
 */
@Path("/console/shadow")
@Produces(MediaType.TEXT_HTML)
public class ShadowConsole {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance shadow(Page page);
    }

    /** The page: the shadow (or none ever installed) and its transition chart. */
    public record Page(String reviewer, ShadowView shadow, SimulationConsole.Chart chart) {

        public boolean deciding() {
            return shadow != null && shadow.removedAt() == null;
        }
    }

    private final ShadowService shadows;
    private final Caller caller;

    public ShadowConsole(ShadowService shadows, Caller caller) {
        this.shadows = shadows;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.POLICY_AUTHOR, Roles.AUDITOR})
    @Operation(hidden = true)
    public TemplateInstance shadow() {
        ShadowView shadow = shadows.latest().orElse(null);
        return Templates.shadow(new Page(
                caller.name(),
                shadow,
                shadow == null ? null : SimulationConsole.chart(shadow.summary().transitions())));
    }
}
