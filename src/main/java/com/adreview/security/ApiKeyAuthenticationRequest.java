package com.adreview.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented in the {@value ApiKeyAuthenticationMechanism#HEADER} header. */
public class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    public ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
