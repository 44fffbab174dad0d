package com.adreview.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every request passes before it reaches a resource, at the HTTP layer, so that no framing or
 * header can slip around it:
 *
 * <ul>
 *   <li>the body is read with a limit however it is framed (Content-Length or chunked); over it, a 413
 *       problem, and the resource never runs;
 *   <li>Basic credentials that are not {@code base64(user:password)} are a 401 problem, not a failure;
 *   <li>a state-changing {@code /v1} call must be {@code application/json} (or {@code application/zip},
 *       {@code application/x-tar} or {@code application/gzip}, a candidate policy pack; 415 otherwise, body
 *       or not) —
 *       which no cross-site form or {@code no-cors} fetch can send — and one from another site (a foreign
 *       {@code Origin}, or {@code Sec-Fetch-Site: cross-site}) is refused (403) unless it is authenticated
 *       by an API key or a bearer token, which a browser never attaches by itself;
 *   <li>every answer carries the security headers; authenticated answers are never cached.
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

    /** Before Quarkus's own routes (resources, console, health), whatever order they were added in. */
    public static final int ORDER = -10_000;

    private static final Set<HttpMethod> STATE_CHANGING =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    /** The console is server-rendered without a line of script; the inline style sheet is its only inline part. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'"
            + " data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final ApiConfig config;
    private final ObjectMapper json;

    public HttpEdge(ApiConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::headers);
        router.route().order(ORDER + 1).handler(this::credentials);
        router.route("/v1/*").order(ORDER + 2).handler(this::sameSite);
        BodyHandler bodies = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        router.route()
                .order(ORDER + 3)
                .handler(rc -> {
                    if (isForm(rc.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                        formLength(rc);
                    } else if (hasBody(rc.request())) {
                        rc.put(BODY_READ, Boolean.TRUE);
                        bodies.handle(rc);
                    } else {
                        // Nothing to read: the resource reads the empty body itself (an empty body read
                        // here would look like no body read at all, and the resource would wait for one).
                        rc.next();
                    }
                })
                .failureHandler(this::tooLarge);
        router.route().order(ORDER + 4).handler(HttpEdge::emptyBody);
    }

    private static final String BODY_READ = "adreview.body-read";

    /**
     * A body read here that turned out empty (a chunked body of no chunks) is given as an empty buffer:
     * left unset, the resource would wait to read a body the connection already delivered.
     */
    @SuppressWarnings("deprecation") // the resources read the body through exactly this accessor
    private static void emptyBody(RoutingContext rc) {
        if (Boolean.TRUE.equals(rc.get(BODY_READ)) && rc.getBody() == null) {
            rc.setBody(io.vertx.core.buffer.Buffer.buffer());
        }
        rc.next();
    }

    /** A body follows the head: a non-zero Content-Length, or chunks. */
    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            return !length.strip().equals("0");
        }
        return request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean isForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return media.equals("application/x-www-form-urlencoded") || media.startsWith("multipart/");
    }

    /**
     * The console's forms are decoded by the framework as they stream in, so their size is judged by
     * their declared length, which every browser sends with a form: a form streamed without one is a 411,
     * one over the limit a 413.
     */
    private void formLength(RoutingContext rc) {
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && rc.request().getHeader(HttpHeaders.TRANSFER_ENCODING) == null) {
            rc.next(); // no body at all (a form of buttons only)
            return;
        }
        if (length == null) {
            problem(
                    rc,
                    new ProblemException(
                            411,
                            "urn:adreview:problem:http-411",
                            "Length Required",
                            "A form must say its length (Content-Length)",
                            List.of(new FieldError("Content-Length", "required for a form"))));
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            problem(rc, ProblemException.invalidField("Content-Length", "must be a number of bytes"));
            return;
        }
        if (bytes > config.maxBodyBytes()) {
            rc.fail(413);
            return;
        }
        rc.next();
    }

    private void headers(RoutingContext rc) {
        String path = rc.request().path();
        boolean authenticated = rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || rc.request().getHeader("X-Api-Key") != null;
        rc.addHeadersEndHandler(v -> {
            var headers = rc.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            // Nothing leaves for other sites; same-origin keeps the Origin header the console's form check relies on
            // (with no-referrer, a browser sends Origin: null).
            headers.set("Referrer-Policy", "same-origin");
            headers.set("X-Frame-Options", "DENY");
            // Swagger UI (/q/swagger-ui) runs scripts of its own; everything else of ours runs none.
            if (!path.startsWith("/q/")) {
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            }
            if (authenticated) {
                headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
            }
        });
        rc.next();
    }

    private void credentials(RoutingContext rc) {
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null
                && authorization.regionMatches(true, 0, "Basic ", 0, 6)
                && !wellFormedBasic(authorization.substring(6).strip())) {
            rc.response().putHeader("WWW-Authenticate", "Basic realm=\"adreview\"");
            problem(rc, ProblemException.unauthenticated("Basic credentials must be base64(user:password)"));
            return;
        }
        rc.next();
    }

    static boolean wellFormedBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return decoded.indexOf(':') > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void sameSite(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        if (!STATE_CHANGING.contains(request.method())) {
            rc.next();
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(type)) {
            problem(
                    rc,
                    new ProblemException(
                            415,
                            "urn:adreview:problem:http-415",
                            "Unsupported Media Type",
                            "A " + request.method() + " here must be sent as application/json"
                                    + (type == null ? " (no Content-Type was given)" : ", not " + type),
                            List.of(new FieldError("Content-Type", "must be application/json"))));
            return;
        }
        if (crossSite(request) && !carriesOwnCredential(request)) {
            problem(
                    rc,
                    ProblemException.forbidden(
                            "A call from another site is refused; gateways and tools sign in with an API key or a"
                                    + " bearer token",
                            List.of(new FieldError("Origin", "must be one of " + ownOrigins(request)))));
            return;
        }
        rc.next();
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        // A policy pack is sent as an archive: like JSON, not a type a form or a no-cors fetch can send.
        return media.equals("application/json")
                || media.equals("application/zip")
                || media.equals("application/x-tar")
                || media.equals("application/gzip")
                || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** A browser says where the request comes from; anything but this origin is another site. */
    private boolean crossSite(HttpServerRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        return !ownOrigins(request).contains(origin.strip().toLowerCase(Locale.ROOT));
    }

    private Set<String> ownOrigins(HttpServerRequest request) {
        String host = request.authority() == null ? "" : request.authority().toString();
        String here = (request.isSSL() ? "https://" : "http://") + host.toLowerCase(Locale.ROOT);
        return config.publicBaseUrl()
                .map(base -> {
                    URI u = URI.create(base);
                    String port = u.getPort() < 0 ? "" : ":" + u.getPort();
                    return Set.of(here, (u.getScheme() + "://" + u.getHost() + port).toLowerCase(Locale.ROOT));
                })
                .orElse(Set.of(here));
    }

    /** Credentials a browser never adds by itself: an API key or a bearer token. */
    private static boolean carriesOwnCredential(HttpServerRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return request.getHeader("X-Api-Key") != null
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7));
    }

    private void tooLarge(RoutingContext rc) {
        if (rc.statusCode() != 413) {
            rc.next();
            return;
        }
        problem(
                rc,
                new ProblemException(
                        413,
                        "urn:adreview:problem:body-too-large",
                        "Request body too large",
                        "The body is over the limit of " + config.maxBodyBytes() + " bytes.",
                        List.of()));
    }

    private void problem(RoutingContext rc, ProblemException e) {
        respond(rc, e, json);
    }

    /**
     * Answers at the HTTP layer with the problem, as the one problem mapper would: for what is refused
     * before a resource runs. A 413 closes the connection, whose body is left unread.
     */
    public static void respond(RoutingContext rc, ProblemException e, ObjectMapper json) {
        HttpServerResponse response = rc.response();
        if (response.ended()) {
            return;
        }
        Problem p = new Problem(
                e.type(), e.title(), e.status(), e.getMessage(), rc.request().path(), e.errors());
        String body;
        try {
            body = json.writeValueAsString(p);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("a problem must always serialise", x);
        }
        boolean console = rc.request().path().startsWith("/console");
        response.setStatusCode(p.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, console ? "text/html;charset=UTF-8" : Problem.MEDIA_TYPE);
        if (e.retryAfterSeconds() > 0) {
            response.putHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        if (e.status() == 413) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        // A person in the console gets a page, not JSON, also for what is refused before the console's own
        // resource sees the request (bad Basic credentials, a body over the limit, a rate limit).
        response.end(console ? page(p) : body);
    }

    private static String page(Problem p) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + p.status() + " "
                + escape(p.title()) + " · Ad review</title></head>\n<body><main id=\"error\"><h1>" + escape(p.title())
                + "</h1>\n<p>" + escape(p.detail())
                + "</p>\n<p><a id=\"back-to-queue\" href=\"/console\">返回队列 Back to the review queue</a></p>"
                + "</main></body></html>\n";
    }

    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
