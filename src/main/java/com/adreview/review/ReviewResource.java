package com.adreview.review;

import com.adreview.api.ApiConfig;
import com.adreview.api.Idempotency;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.QueryParams;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.engine.Category;
import com.adreview.engine.Topic;
import com.adreview.security.Caller;
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
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/reviews")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reviews", description = "The review queue: escalated submissions, escalated live ads, appeals")
public class ReviewResource {

    /** Who is acting, until staff sign in (then it comes from the identity). */
    private final ReviewService reviews;

    private final RequestReader reader;

    private final ApiConfig api;

    private final Caller caller;

    private final Idempotency idempotency;

    public ReviewResource(
            ReviewService reviews, RequestReader reader, ApiConfig api, Caller caller, Idempotency idempotency) {
        this.reader = reader;
        this.idempotency = idempotency;
        this.caller = caller;
        this.reviews = reviews;
        this.api = api;
    }

    @RolesAllowed({Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listReviewCases",
            summary = "The review queue, oldest first",
            description = "Each case with its age and whether it is overdue under its category's SLA.")
    // 200 is the Page's schema from the return type; 400 for a bad filter, limit or cursor is declared by
    // OpenApiContract for every operation with parameters.
    public Page<ReviewCaseView> list(
            @Parameter(description = "OPEN (incl. lapsed claims), CLAIMED or DONE.") @QueryParam("state") String state,
            @Parameter(description = "INTAKE, RE_EVALUATION or APPEAL.") @QueryParam("kind") String kind,
            @Parameter(description = "Only this category.") @QueryParam("category") String category,
            @Parameter(description = "Only cases about this finding topic.") @QueryParam("topic") String topic,
            @Parameter(description = "true: only open cases past due; false: only the others.") @QueryParam("overdue")
                    String overdue,
            @Parameter(description = "Only cases about this submission.") @QueryParam("submissionId")
                    String submissionId,
            @Parameter(description = "Only this advertiser account.") @QueryParam("accountId") String accountId,
            @Parameter(description = "Page size.") @QueryParam("limit") String limit,
            @Parameter(description = "The `next` value of the previous page.") @QueryParam("cursor") String cursor) {
        Category c = QueryParams.enumValue("category", category, Category.class);
        Topic t = QueryParams.enumValue("topic", topic, Topic.class);
        var query = new ReviewQuery(
                QueryParams.enumValue("state", state, ReviewState.class),
                QueryParams.enumValue("kind", kind, ReviewKind.class),
                c == null ? null : c.name(),
                t == null ? null : t.name(),
                QueryParams.booleanValue("overdue", overdue),
                submissionId,
                accountId);
        return reviews.list(query, PageRequest.of(limit, cursor, api));
    }

    @RolesAllowed({Roles.SUBMITTER, Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(
            operationId = "getReviewCase",
            summary = "One case",
            description = "A gateway may read the cases of its own account's appeals.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewCaseView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such case.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewCaseView get(@PathParam("id") String id) {
        ReviewCaseView c = reviews.get(id);
        // A gateway follows its own appeals, and sees nothing else of the queue.
        if (caller.isGateway() && (c.kind() != ReviewKind.APPEAL || !caller.sees(c.accountId()))) {
            throw ProblemException.notFound("No review case with id " + id);
        }
        return caller.isGateway() ? c.asAdvertiserSeesIt() : c;
    }

    @RolesAllowed(Roles.REVIEWER)
    @POST
    @Path("/{id}/claim")
    @Operation(
            operationId = "claimReviewCase",
            summary = "Claim a case",
            description = "Gives the reviewer a lease on the case so no one else works it; claiming it again renews"
                    + " the lease. A lapsed lease returns the case to the queue.")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewCaseView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Claimed by someone else, or closed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewCaseView claim(@PathParam("id") String id) {
        return reviews.claim(id, caller.name());
    }

    @RolesAllowed(Roles.REVIEWER)
    @POST
    @Path("/{id}/release")
    @Operation(
            operationId = "releaseReviewCase",
            summary = "Release a claimed case back to the queue (lease holder only)")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewCaseView.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not the lease holder.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReviewCaseView release(@PathParam("id") String id) {
        return reviews.release(id, caller.name());
    }

    @RolesAllowed(Roles.REVIEWER)
    @POST
    @Path("/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "decideReviewCase",
            summary = "Decide a case (lease holder only)",
            description = "APPROVE or REJECT with a reason, adding or dismissing findings. The submission's status"
                    + " follows and the change appears in the ad change feed. Of two concurrent decisions exactly one"
                    + " wins; the other is a 409.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ReviewDecisionRequest.class)))
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = ReviewCaseView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid decision; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Not the lease holder, lease lapsed, already decided, or the case no longer applies.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response decide(
            @PathParam("id") String id,
            @Parameter(description = Idempotency.HEADER_DESCRIPTION) @HeaderParam(Idempotency.HEADER)
                    String idempotencyKey,
            String body,
            @Context UriInfo uri) {
        return idempotency.once(
                caller.idempotencyScope(), "POST", uri.getRequestUri().getRawPath(), idempotencyKey, body, () -> {
                    ReviewDecisionRequest request = reader.read(
                                    body, ReviewDecisionRequest.class, ReviewService.INVALID_DECISION)
                            .value();
                    return Response.ok(reviews.decide(id, caller.name(), request))
                            .build();
                });
    }
}
