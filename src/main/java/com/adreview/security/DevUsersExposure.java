package com.adreview.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The development users' passwords are in the README; served beyond this machine, they would let
 * anyone in as an admin. The service refuses to start listening on anything but loopback while a
 * development user still has its documented password, or one shorter than 12 characters.
 */
@ApplicationScoped
public class DevUsersExposure {

    static final int MIN_PASSWORD = 12;
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private final SecurityConfig config;

    public DevUsersExposure(SecurityConfig config) {
        this.config = config;
    }

    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        // Quarkus's own setting, read where it is decided: this feature only judges it.
        String host = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.host", String.class)
                .orElse("0.0.0.0");
        List<String> weak = weakUsers(config, host);
        if (!weak.isEmpty()) {
            throw new IllegalStateException("Development users " + weak + " have their documented or short"
                    + " passwords, and the service would listen on " + host + ": set"
                    + " adreview.security.dev-user.<name>.password to " + MIN_PASSWORD
                    + " characters or more for each (ADREVIEW_SECURITY_DEV_USER_<NAME>_PASSWORD), or"
                    + " listen on loopback only (quarkus.http.host=127.0.0.1)");
        }
    }

    /** The users whose passwords may not be served on {@code host}; none on loopback or without dev users. */
    static List<String> weakUsers(SecurityConfig config, String host) {
        List<String> weak = new ArrayList<>();
        if (!config.devUsersEnabled() || LOOPBACK.contains(host.strip())) {
            return weak;
        }
        for (Map.Entry<String, SecurityConfig.DevUser> user : config.devUser().entrySet()) {
            String password = user.getValue().password();
            if (password.length() < MIN_PASSWORD || password.equalsIgnoreCase(user.getKey())) {
                weak.add(user.getKey());
            }
        }
        weak.sort(null);
        return weak;
    }
}
