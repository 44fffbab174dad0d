package com.adreview.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses an oversized body from its Content-Length, before reading it, as a problem response. */
public class BodySizeLimit {

    private final ApiConfig config;

    public BodySizeLimit(ApiConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void limit(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField("Content-Length", "must be a number of bytes");
        }
        if (bytes > config.maxBodyBytes()) {
            throw new ProblemException(
                    413,
                    "urn:adreview:problem:body-too-large",
                    "Request body too large",
                    "The body has " + bytes + " bytes; the limit is " + config.maxBodyBytes() + ".",
                    List.of());
        }
    }
}
