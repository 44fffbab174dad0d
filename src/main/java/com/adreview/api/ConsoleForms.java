package com.adreview.api;

import java.net.URI;
import java.util.List;

/**
 * The console's forms are posted by a signed-in person's browser, which would attach their credentials
 * to a form posted from another site too (cross-site request forgery): a form whose {@code Origin} is
 * not the console's own is refused before it acts.
 */
public final class ConsoleForms {

    private ConsoleForms() {}

    /** Refuses (403) a form posted from another origin than the service's own. */
    public static void requireSameOrigin(String origin, URI base) {
        if (origin != null && !sameOrigin(origin, base)) {
            throw ProblemException.forbidden("Console forms are accepted from the console only", List.of());
        }
    }

    static boolean sameOrigin(String origin, URI base) {
        try {
            URI o = URI.create(origin);
            return base.getHost() != null
                    && base.getHost().equalsIgnoreCase(o.getHost())
                    && base.getPort() == o.getPort()
                    && base.getScheme().equalsIgnoreCase(o.getScheme());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
