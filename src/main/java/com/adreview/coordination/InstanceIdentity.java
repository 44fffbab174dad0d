package com.adreview.coordination;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Who this running instance is, to the others: the owner named in the leases it holds. */
@ApplicationScoped
public class InstanceIdentity {

    private final String id;

    public InstanceIdentity(CoordinationConfig config) {
        // A random suffix even with a configured name: a restarted pod must not inherit its predecessor's leases.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        this.id = config.instanceName().orElseGet(InstanceIdentity::hostName) + "-" + suffix;
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnv = System.getenv("HOSTNAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}
