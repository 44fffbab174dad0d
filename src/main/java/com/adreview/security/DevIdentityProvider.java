package com.adreview.security;

import com.adreview.api.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The documented development identity store: staff users from configuration, signing in with HTTP
 * Basic, so that the README's one command gives a working reviewer console and API. Refuses everyone
 * when {@code adreview.security.dev-users-enabled} is false (the production profile).
 */
@ApplicationScoped
public class DevIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Set<String> STAFF = Set.of(Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN, Roles.POLICY_AUTHOR);

    private final SecurityConfig config;
    private final SignInThrottle throttle = new SignInThrottle();

    public DevIdentityProvider(SecurityConfig config) {
        this.config = config;
        for (var user : config.devUser().entrySet()) {
            for (String role : user.getValue().roles()) {
                if (!STAFF.contains(role)) {
                    throw new IllegalStateException("adreview.security.dev-user." + user.getKey() + ".roles: " + role
                            + " is not a staff role (" + STAFF + "); gateways use API keys");
                }
            }
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        SecurityConfig.DevUser user =
                config.devUsersEnabled() ? config.devUser().get(request.getUsername()) : null;
        if (user == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
        }
        long now = System.nanoTime();
        try {
            throttle.check(request.getUsername(), now);
        } catch (SignInThrottle.TooManySignInAttempts e) {
            return Uni.createFrom().failure(new AuthenticationFailedException(e.getMessage(), e));
        }
        if (!matches(user.password(), new String(request.getPassword().getPassword()))) {
            throttle.failed(request.getUsername(), now);
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown user or wrong password"));
        }
        throttle.succeeded(request.getUsername());
        return Uni.createFrom()
                .item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                        .addRoles(Set.copyOf(user.roles()))
                        .build());
    }

    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
