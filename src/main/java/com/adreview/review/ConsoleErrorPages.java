package com.adreview.review;

import com.adreview.api.FieldError;
import com.adreview.api.Problem;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The console speaks HTML to a person: every problem the one problem mapper answers on a console page (a
 * missing case, a role that may not act, a bad filter, signing in) is shown as a page of the console with
 * the same status and headers, instead of application/problem+json. Also keeps a signed-out browser out
 * until its user signs in again (HTTP Basic has no sign-out of its own: see {@link #SIGNED_OUT}).
 */
public class ConsoleErrorPages {

    /**
     * Set by the console's sign-out. While a browser has it, the console answers 401 with a Basic challenge
     * (and clears it): the browser drops the credentials it cached and asks for them again.
     */
    static final String SIGNED_OUT = "adreview-console-signed-out";

    /** The error page: status, title, what went wrong, the bad fields, and who is signed in (may be null). */
    public record ErrorPage(String reviewer, int status, String title, String detail, List<FieldError> errors) {
        public boolean signIn() {
            return status == 401;
        }
    }

    private final Template error;

    public ConsoleErrorPages(@Location("console/error.html") Template error) {
        this.error = error;
    }

    static boolean isConsole(String path) {
        return path.equals("/console") || path.startsWith("/console/");
    }

    @ServerRequestFilter(preMatching = true)
    public Response signedOut(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!isConsole(path)
                || path.equals("/console/sign-out")
                || !request.getCookies().containsKey(SIGNED_OUT)) {
            return null;
        }
        ErrorPage page = new ErrorPage(
                null, 401, "请重新登录 Sign in again", "You signed out of the console: sign in to go on.", List.of());
        return Response.status(401)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("WWW-Authenticate", "Basic realm=\"adreview\"")
                .cookie(signedOutCookie(0))
                .entity(error.data("page", page).render())
                .build();
    }

    @ServerResponseFilter
    public void page(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof Problem problem)
                || !isConsole(request.getUriInfo().getPath())) {
            return;
        }
        Principal user = request.getSecurityContext() == null
                ? null
                : request.getSecurityContext().getUserPrincipal();
        ErrorPage page = new ErrorPage(
                user == null || user.getName().isEmpty() ? null : user.getName(),
                problem.status(),
                problem.title(),
                problem.detail(),
                problem.errors() == null ? List.of() : problem.errors());
        response.setEntity(error.data("page", page).render(), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** The sign-out marker; max-age 0 removes it. */
    static NewCookie signedOutCookie(int maxAgeSeconds) {
        return new NewCookie.Builder(SIGNED_OUT)
                .value("1")
                .path("/console")
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
    }
}
