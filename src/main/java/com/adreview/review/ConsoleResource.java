package com.adreview.review;

import com.adreview.api.ApiConfig;
import com.adreview.api.ConsoleForms;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.engine.Category;
import com.adreview.engine.Topic;
import com.adreview.security.Caller;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The reviewer console: server-rendered pages, each shown in one round trip; actions are plain form
 * posts that call the same services as the API and redirect back (post/redirect/get).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(ConsolePages.QueuePage page);

        static native TemplateInstance reviewCase(ConsolePages.CasePage page);
    }

    @io.quarkus.qute.Location("console/signedOut.html")
    io.quarkus.qute.Template signedOut;

    private final ConsolePages pages;
    private final ReviewService reviews;
    private final RequestReader reader;
    private final ApiConfig api;
    private final ConsoleFormat format;
    private final Caller caller;

    public ConsoleResource(
            ConsolePages pages,
            ReviewService reviews,
            RequestReader reader,
            ApiConfig api,
            ConsoleFormat format,
            Caller caller) {
        this.caller = caller;
        this.pages = pages;
        this.reviews = reviews;
        this.reader = reader;
        this.api = api;
        this.format = format;
    }

    @GET
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(hidden = true)
    public TemplateInstance queue(
            @QueryParam("state") String state,
            @QueryParam("kind") String kind,
            @QueryParam("category") String category,
            @QueryParam("topic") String topic,
            @QueryParam("overdue") String overdue,
            @QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice) {
        // Absent: the open cases, what a reviewer comes for; ALL: every state.
        ReviewState s = state == null
                ? ReviewState.OPEN
                : "ALL".equals(state) ? null : QueryParams.enumValue("state", state, ReviewState.class);
        var filters = new ConsolePages.Filters(
                s,
                QueryParams.enumValue("kind", kind, ReviewKind.class),
                QueryParams.enumValue("category", category, Category.class),
                QueryParams.enumValue("topic", topic, Topic.class),
                QueryParams.booleanValue("overdue", overdue));
        return Templates.queue(pages.queue(caller.name(), caller.has(Roles.REVIEWER), filters, cursor, notice, api));
    }

    @GET
    @Path("/cases/{id}")
    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @Operation(hidden = true)
    public TemplateInstance reviewCase(@PathParam("id") String id, @QueryParam("notice") String notice) {
        return Templates.reviewCase(pages.reviewCase(id, caller, notice));
    }

    /**
     * Signs the browser out: HTTP Basic has no sign-out, so the console marks the browser signed out and
     * answers its next page with a challenge (ConsoleErrorPages), which makes the browser forget the cached
     * credentials and ask again.
     */
    @POST
    @Path("/sign-out")
    @jakarta.annotation.security.PermitAll
    @Operation(hidden = true)
    public Response signOut() {
        return Response.ok(signedOut.instance().render(), MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .cookie(ConsoleErrorPages.signedOutCookie(60 * 60 * 24))
                .build();
    }

    @POST
    @Path("/cases/{id}/claim")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(hidden = true)
    public Response claim(@PathParam("id") String id, @HeaderParam("Origin") String origin, @Context UriInfo uri) {
        return act(id, origin, uri, reviewer -> {
            ReviewCaseView c = reviews.claim(id, reviewer);
            return "已认领 Claimed until " + format.time(c.leaseExpiresAt());
        });
    }

    @POST
    @Path("/cases/{id}/release")
    @RolesAllowed(Roles.REVIEWER)
    @Operation(hidden = true)
    public Response release(@PathParam("id") String id, @HeaderParam("Origin") String origin, @Context UriInfo uri) {
        return act(id, origin, uri, reviewer -> {
            reviews.release(id, reviewer);
            return "已释放 Released to the queue";
        });
    }

    @POST
    @Path("/cases/{id}/decision")
    @RolesAllowed(Roles.REVIEWER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response decide(
            @PathParam("id") String id,
            @HeaderParam("Origin") String origin,
            @Context UriInfo uri,
            @RestForm String outcome,
            @RestForm String reason,
            @RestForm List<String> dismiss,
            @RestForm String addTopic,
            @RestForm String addMessage,
            @RestForm String sameBusiness) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("outcome", outcome);
        body.put("reason", reason);
        if (sameBusiness != null && !sameBusiness.isBlank()) {
            body.put("sameBusiness", Boolean.parseBoolean(sameBusiness));
        }
        ArrayNode findings = body.putArray("findings");
        if (dismiss != null) {
            dismiss.forEach(r -> findings.addObject().put("action", "DISMISS").put("ruleId", r));
        }
        if (addTopic != null && !addTopic.isBlank()) {
            findings.addObject().put("action", "ADD").put("topic", addTopic).put("message", addMessage);
        }
        return act(id, origin, uri, reviewer -> {
            // Read as the API reads a decision: the form's mistakes are named as the API names them.
            ReviewDecisionRequest request = reader.read(
                            body.toString(), ReviewDecisionRequest.class, ReviewService.INVALID_DECISION)
                    .value();
            ReviewCaseView c = reviews.decide(id, reviewer, request);
            return "已决定 Decided: " + c.resolution().outcome() + " → "
                    + c.resolution().submissionStatus();
        });
    }

    private interface Action {
        String run(String reviewer);
    }

    /**
     * Runs an action as the signed-in reviewer and goes back to the case, with what happened or what
     * went wrong. A form posted from another site is refused: the browser would send the reviewer's
     * credentials with it (cross-site request forgery).
     */
    private Response act(String id, String origin, UriInfo uri, Action action) {
        ConsoleForms.requireSameOrigin(origin, uri.getBaseUri());
        URI page = UriBuilder.fromPath("/console/cases/{id}").build(id);
        try {
            return back(page, action.run(caller.name()));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                throw e;
            }
            return back(page, detail(e));
        }
    }

    private static String detail(ProblemException e) {
        if (e.errors().isEmpty()) {
            return e.getMessage();
        }
        return e.title() + ": "
                + e.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    private static Response back(URI page, String notice) {
        return Response.seeOther(
                        UriBuilder.fromUri(page).queryParam("notice", notice).build())
                .build();
    }
}
