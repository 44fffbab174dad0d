package com.adreview.security;

import com.adreview.api.Roles;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Turns a valid API key into a submitter identity bound to the key's advertiser account. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** The identity attribute holding the gateway's advertiser account. */
    public static final String ACCOUNT = "adreview.accountId";

    private final ApiKeyService keys;

    public ApiKeyIdentityProvider(ApiKeyService keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(
            ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        // A key the instance remembers is checked on the event loop; only a store read needs a worker.
        Optional<Optional<ApiKeyView>> remembered = keys.authenticateFromMemory(request.key());
        if (remembered.isPresent()) {
            return Uni.createFrom().item(() -> identity(remembered.get()));
        }
        return context.runBlocking(() -> identity(keys.authenticate(request.key())));
    }

    private static SecurityIdentity identity(Optional<ApiKeyView> key) {
        return key.map(k -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("key:" + k.id()))
                        .addRole(Roles.SUBMITTER)
                        .addAttribute(ACCOUNT, k.accountId())
                        .build())
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
    }
}
