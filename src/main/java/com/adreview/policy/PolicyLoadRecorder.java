package com.adreview.policy;

import com.adreview.audit.AuditAction;
import com.adreview.audit.AuditEvent;
import com.adreview.audit.AuditTrail;
import com.adreview.coordination.InstanceIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.bson.Document;
import org.jboss.logging.Logger;

/** Every pack load (recorded by the pack's lifecycle, which writes to the trail like every feature), by every instance, good or refused, goes into the audit trail. */
@ApplicationScoped
public class PolicyLoadRecorder {

    private static final Logger LOG = Logger.getLogger(PolicyLoadRecorder.class);

    private final AuditTrail trail;
    private final InstanceIdentity instance;
    private final Clock clock;

    public PolicyLoadRecorder(AuditTrail trail, InstanceIdentity instance, Clock clock) {
        this.trail = trail;
        this.instance = instance;
        this.clock = clock;
    }

    void onLoaded(@Observes PolicyService.Loaded loaded) {
        PolicyService.State state = loaded.state();
        Document after = new Document("instance", instance.id());
        String subject;
        String version = null;
        if (state.pack() != null) {
            version = state.pack().version();
            subject = "policyPack:" + version;
            after.append("name", state.pack().name())
                    .append("rules", state.pack().rules().size());
        } else {
            subject = "policyPack:refused";
            after.append(
                    "problems",
                    state.problems().stream().map(PackProblem::toString).toList());
        }
        try {
            trail.append(new AuditEvent(
                    "pack-loaded:" + UUID.randomUUID(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS),
                    loaded.actor(),
                    AuditAction.POLICY_PACK_LOADED,
                    subject,
                    null,
                    after,
                    version));
        } catch (RuntimeException e) {
            // The load itself stands either way; only its record is missing, and the log says so.
            LOG.warnf("Could not record the load of pack %s in the audit trail: %s", subject, e.getMessage());
        }
    }
}
