package com.adreview.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become responses: every error leaves as {@code
 * application/problem+json} (RFC 9457), naming the bad fields when the request is at fault.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response =
                builder(new Problem(e.type(), e.title(), e.status(), e.getMessage(), instance(uri), e.errors()));
        if (e.retryAfterSeconds() > 0) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        if (e.status() == 401) {
            // Gateways present an API key; staff a bearer token (or, in development, Basic credentials).
            response.header("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
            response.header("WWW-Authenticate", "Bearer");
            response.header("WWW-Authenticate", "Basic realm=\"adreview\"");
        }
        return response.build();
    }

    /** No credentials, or invalid ones (a revoked key, a wrong password, an expired token). */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryAfter wait) {
                return problem(ProblemException.tooManyRequests(t.getMessage(), wait.retryAfterSeconds()), uri);
            }
        }
        return problem(
                ProblemException.unauthenticated(
                        "Sign in: an API key in X-Api-Key for gateways, a bearer token for staff"),
                uri);
    }

    /** Signed in, but the operation admits none of the caller's roles. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(ProblemException.forbidden("Your role does not allow this operation", List.of()), uri);
    }

    /** Constraint violations on parameters of a resource method (query parameters, path ids). */
    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(parameterName(RequestReader.path(v.getPropertyPath())), v.getMessage()))
                .toList();
        ProblemException p = ProblemException.invalid("The request is invalid", errors);
        return problem(p, uri);
    }

    /** What the HTTP layer refuses: unknown path (404), wrong method (405), media type (415), body size (413). */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String type = "urn:adreview:problem:http-" + status;
        return respond(new Problem(type, title, status, e.getMessage(), instance(uri), List.of()));
    }

    /** Anything else is our fault: logged with its cause, answered without internals. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", instance(uri));
        return respond(new Problem(
                "urn:adreview:problem:internal",
                "Internal error",
                500,
                "The request failed on our side; it has been logged.",
                instance(uri),
                List.of()));
    }

    /** A refusal that says when to try again (too many wrong passwords). */
    public interface RetryAfter {
        long retryAfterSeconds();
    }

    private static Response respond(Problem p) {
        return builder(p).build();
    }

    private static Response.ResponseBuilder builder(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p);
    }

    private static String instance(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** "list.arg1" from method validation becomes the parameter's name when compiled with -parameters. */
    private static String parameterName(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
