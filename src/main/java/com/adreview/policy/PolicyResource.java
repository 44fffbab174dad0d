package com.adreview.policy;

import com.adreview.api.Roles;
import com.adreview.engine.Category;
import com.adreview.engine.Outcome;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.Topic;
import com.adreview.security.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/policy")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Policy", description = "The policy pack in force")
public class PolicyResource {

    private final PolicyService policy;
    private final Caller caller;

    public PolicyResource(PolicyService policy, Caller caller) {
        this.policy = policy;
        this.caller = caller;
    }

    @Schema(name = "PolicyPackInForce", description = "The pack deciding now, or why there is none.")
    public record PackView(
            @Schema(description = "Content hash of the pack, recorded in every decision.") String version,
            @Schema(description = "The pack's name.") String name,
            @Schema(description = "Its rules, in the order they are evaluated.") List<RuleView> rules,
            @Schema(description = "Why no pack is in force, when none is (file, line, rule, reason).")
                    List<String> problems) {}

    @Schema(name = "PolicyRuleSummary", description = "A rule of the pack.")
    public record RuleView(
            @Schema(description = "The rule's id.") String id,
            @Schema(description = "Its topic.") Topic topic,
            @Schema(description = "What its finding does.") Outcome outcome,
            @Schema(description = "The categories it applies to.") Set<Category> appliesTo,
            @Schema(description = "The law or guideline it rests on.") String citation) {}

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(operationId = "getPolicyPack", summary = "The pack in force: version and rules")
    public PackView current() {
        return view(policy.state());
    }

    @POST
    @Path("/reload")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            operationId = "reloadPolicyPack",
            summary = "Load the pack again from its directory",
            description = "After the files changed (a new ConfigMap). A pack with any problem is refused: this instance"
                    + " then stops deciding (503) and reports not-ready until a valid pack loads. Each load is in the"
                    + " audit trail.")
    public PackView reload() {
        return view(policy.reload(caller.actor()));
    }

    private static PackView view(PolicyService.State state) {
        PolicyPack pack = state.pack();
        return new PackView(
                pack == null ? null : pack.version(),
                pack == null ? null : pack.name(),
                pack == null
                        ? List.of()
                        : pack.rules().stream()
                                .map(r -> new RuleView(r.id(), r.topic(), r.outcome(), r.appliesTo(), r.citation()))
                                .toList(),
                state.problems().stream().map(PackProblem::toString).toList());
    }
}
