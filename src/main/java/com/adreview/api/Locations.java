package com.adreview.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a created thing can be read: under the configured public base URL, or as a path. Never built
 * from the request's {@code Host}, which the client chooses (a forged one would send the next request
 * elsewhere).
 */
@ApplicationScoped
public class Locations {

    private final ApiConfig config;

    public Locations(ApiConfig config) {
        this.config = config;
    }

    /** A 201 with the entity and the Location of {@code collection/id}, e.g. {@code v1/submissions}. */
    public Response created(String collection, String id, Object entity) {
        return Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, of(collection, id))
                .entity(entity)
                .build();
    }

    public String of(String collection, String id) {
        String path = "/" + collection + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        return config.publicBaseUrl()
                .map(base -> base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .map(base -> base + path)
                .orElse(path);
    }
}
