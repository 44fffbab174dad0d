package com.adreview.policy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready only with a valid pack; the data names the version, or lists why the pack was refused. */
@Readiness
@ApplicationScoped
public class PolicyPackReadiness implements HealthCheck {

    private final PolicyService policy;

    public PolicyPackReadiness(PolicyService policy) {
        this.policy = policy;
    }

    @Override
    public HealthCheckResponse call() {
        PolicyService.State state = policy.state();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("policy-pack");
        if (state.pack() != null) {
            return response.up()
                    .withData("version", state.pack().version())
                    .withData("name", state.pack().name())
                    .withData("rules", state.pack().rules().size())
                    .build();
        }
        response.down();
        for (int i = 0; i < state.problems().size(); i++) {
            response.withData("problem." + (i + 1), state.problems().get(i).toString());
        }
        return response.build();
    }
}
