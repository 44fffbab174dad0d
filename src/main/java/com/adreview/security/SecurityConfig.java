package com.adreview.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;

/** IdentityService, credentials and abuse limits. */
@ConfigMapping(prefix = "adreview.security")
public interface SecurityConfig {

    /**
     * Whether the development users below may sign in (HTTP Basic). On for the one-command run and the
     * tests, so that nothing but Java is needed; off in the {@code production} profile, where staff
     * sign in with OIDC bearer tokens instead.
     */
    @WithDefault("true")
    boolean devUsersEnabled();

    /** Development users by name: {@code adreview.security.dev-user.<name>.password} and {@code .roles}. */
    Map<String, DevUser> devUser();

    interface DevUser {
        String password();

        /** Staff roles only: reviewer, auditor, admin. */
        List<String> roles();
    }

    /**
     * How long an instance may answer for an API key from memory after reading it from the store. A
     * revocation holds at once on the instance that made it (it forgets the key) and on every other
     * instance within this time; 0 reads the key from the store on every request.
     */
    @WithDefault("1s")
    java.time.Duration keyMemory();

    /** Requests a gateway's API key may make, on each instance. */
    RateLimit rateLimit();

    interface RateLimit {
        /** Sustained requests per second. */
        @WithDefault("50")
        int perSecond();

        /** Requests allowed at once above that, after a quiet spell. */
        @WithDefault("100")
        int burst();

        /**
         * Requests of one key being worked on at the same time; more wait for a 429. A decision takes
         * milliseconds, so a gateway rarely needs more, and one tenant cannot take every worker thread.
         */
        @WithDefault("8")
        int maxInFlight();
    }
}
