package com.adreview.review;

import com.adreview.api.ApiConfig;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.decision.Category;
import com.adreview.decision.Topic;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /** Who the reviewer is, until staff sign in (then it comes from the identity). */
    static final String REVIEWER_COOKIE = "adreview-reviewer";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance queue(ConsolePages.QueuePage page);

        static native TemplateInstance reviewCase(ConsolePages.CasePage page);
    }

    private final ConsolePages pages;
    private final ReviewService reviews;
    private final ObjectMapper json;
    private final ApiConfig api;
    private final ConsoleFormat format;

    public ConsoleResource(
            ConsolePages pages, ReviewService reviews, ObjectMapper json, ApiConfig api, ConsoleFormat format) {
        this.pages = pages;
        this.reviews = reviews;
        this.json = json;
        this.api = api;
        this.format = format;
    }

    @GET
    @Operation(hidden = true)
    public TemplateInstance queue(
            @QueryParam("state") String state,
            @QueryParam("kind") String kind,
            @QueryParam("category") String category,
            @QueryParam("topic") String topic,
            @QueryParam("overdue") String overdue,
            @QueryParam("cursor") String cursor,
            @QueryParam("notice") String notice,
            @CookieParam(REVIEWER_COOKIE) String reviewerCookie) {
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
        return Templates.queue(pages.queue(reviewer(reviewerCookie), filters, cursor, notice, api));
    }

    @GET
    @Path("/cases/{id}")
    @Operation(hidden = true)
    public TemplateInstance reviewCase(
            @PathParam("id") String id,
            @QueryParam("notice") String notice,
            @CookieParam(REVIEWER_COOKIE) String reviewerCookie) {
        return Templates.reviewCase(pages.reviewCase(id, reviewer(reviewerCookie), notice));
    }

    @POST
    @Path("/reviewer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response setReviewer(@RestForm String name) {
        String reviewer;
        try {
            reviewer = QueryParams.actor("name", name);
        } catch (ProblemException e) {
            return back(URI.create("/console"), "请填写审核员姓名 Enter your name (" + detail(e) + ")");
        }
        NewCookie cookie = new NewCookie.Builder(REVIEWER_COOKIE)
                .value(URLEncoder.encode(reviewer, StandardCharsets.UTF_8))
                .path("/")
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT)
                .build();
        return Response.seeOther(URI.create("/console")).cookie(cookie).build();
    }

    @POST
    @Path("/cases/{id}/claim")
    @Operation(hidden = true)
    public Response claim(@PathParam("id") String id, @CookieParam(REVIEWER_COOKIE) String reviewerCookie) {
        return act(id, reviewerCookie, reviewer -> {
            ReviewCaseView c = reviews.claim(id, reviewer);
            return "已认领 Claimed until " + format.time(c.leaseExpiresAt());
        });
    }

    @POST
    @Path("/cases/{id}/release")
    @Operation(hidden = true)
    public Response release(@PathParam("id") String id, @CookieParam(REVIEWER_COOKIE) String reviewerCookie) {
        return act(id, reviewerCookie, reviewer -> {
            reviews.release(id, reviewer);
            return "已释放 Released to the queue";
        });
    }

    @POST
    @Path("/cases/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response decide(
            @PathParam("id") String id,
            @CookieParam(REVIEWER_COOKIE) String reviewerCookie,
            @RestForm String outcome,
            @RestForm String reason,
            @RestForm List<String> dismiss,
            @RestForm String addTopic,
            @RestForm String addMessage) {
        ObjectNode body = json.createObjectNode();
        body.put("outcome", outcome);
        body.put("reason", reason);
        ArrayNode findings = body.putArray("findings");
        if (dismiss != null) {
            dismiss.forEach(r -> findings.addObject().put("action", "DISMISS").put("ruleId", r));
        }
        if (addTopic != null && !addTopic.isBlank()) {
            findings.addObject().put("action", "ADD").put("topic", addTopic).put("message", addMessage);
        }
        return act(id, reviewerCookie, reviewer -> {
            ReviewCaseView c = reviews.decide(id, reviewer, body.toString());
            return "已决定 Decided: " + c.resolution().outcome() + " → "
                    + c.resolution().submissionStatus();
        });
    }

    private interface Action {
        String run(String reviewer);
    }

    /** Runs an action as the reviewer and goes back to the case, with what happened or what went wrong. */
    private Response act(String id, String reviewerCookie, Action action) {
        URI page = UriBuilder.fromPath("/console/cases/{id}").build(id);
        String reviewer = reviewer(reviewerCookie);
        if (reviewer == null) {
            return back(page, "请先在右上角填写审核员姓名 Enter your reviewer name first");
        }
        try {
            return back(page, action.run(reviewer));
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

    private static String reviewer(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return null;
        }
        String name = URLDecoder.decode(cookie, StandardCharsets.UTF_8).strip();
        return name.isEmpty() ? null : name;
    }
}
