package com.adreview.submission;

import com.adreview.api.ApiConfig;
import com.adreview.api.FieldError;
import com.adreview.api.Idempotency;
import com.adreview.api.Locations;
import com.adreview.api.Page;
import com.adreview.api.PageRequest;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.engine.AdPackage;
import com.adreview.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

@Path("/v1/submissions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Submissions", description = "Ad packages submitted by gateways and the decisions made on them")
public class SubmissionResource {

    private static final String INVALID_PACKAGE = "The request is not a valid ad package";
    private static final String INVALID_BATCH = "The request is not a valid batch of ad packages";
    private static final Logger LOG = Logger.getLogger(SubmissionResource.class);

    /** The most packages one batch may hold. */
    public static final int MAX_BATCH = 100;

    private static final String EXAMPLE =
            """
      {"adId":"example-1","category":"P2P_LENDING",
       "advertiser":{"accountId":"acct-example-1","legalName":"北京恒远网络科技有限公司","creditCode":"91110108558521630L",
         "registeredCapital":{"amount":200000000,"currency":"CNY"},"operatingSince":"2016-04-01","address":"北京市海淀区中关村大街1号"},
       "icp":{"number":"京ICP证160221号","holder":"北京恒远网络科技有限公司","domains":["hengyuan-p2p.cn"]},
       "product":{"name":"北京恒远","domain":"hengyuan-p2p.cn","appId":"com.example.hengyuan-p2p"},
       "creative":{"headline":"出借信息一站式披露","body":"借款人信息、资金存管银行和逾期数据按月公开。","callToAction":"查看披露",
         "landingUrl":"https://www.hengyuan-p2p.cn/"},
       "riskWarning":"市场有风险，出借需谨慎","placements":["BROWSER_FEED"]}
      """;

    /** The shape of a batch, for the API's description: the body itself is read as a tree (batchItems). */
    @Schema(name = "AdPackageBatch", description = "Up to " + MAX_BATCH + " ad packages, decided in this order.")
    record BatchRequest(
            @Schema(required = true, minItems = 1, maxItems = MAX_BATCH, description = "The packages.")
                    List<AdPackage> items) {}

    private final RequestReader reader;
    private final SubmissionService submissions;
    private final ApiConfig api;
    private final Caller caller;

    private final Idempotency idempotency;

    private final Locations locations;

    public SubmissionResource(
            Locations locations,
            RequestReader reader,
            SubmissionService submissions,
            ApiConfig api,
            Caller caller,
            Idempotency idempotency) {
        this.locations = locations;
        this.reader = reader;
        this.idempotency = idempotency;
        this.submissions = submissions;
        this.api = api;
        this.caller = caller;
    }

    @RolesAllowed(Roles.SUBMITTER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "submitAdPackage",
            summary = "Submit an ad package for review",
            description =
                    "Validates the package's structure, has the policy pack decide it and stores it as the next revision of the"
                            + " ad. A structural problem is a 400 naming every bad field and stores nothing; a present but wrong"
                            + " value (say, a malformed credit code) is a policy finding in the stored decision.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AdPackage.class),
                            examples = @ExampleObject(name = "approved P2P ad", value = EXAMPLE)))
    @APIResponse(
            responseCode = "201",
            description = "Stored, with its decision; Location points at it.",
            content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid ad package; every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "403",
            description = "The package names another advertiser account than the API key's.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body too large.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "No valid policy pack is loaded.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            @Parameter(description = Idempotency.HEADER_DESCRIPTION) @HeaderParam(Idempotency.HEADER)
                    String idempotencyKey,
            String body,
            UriInfo uri) {
        return idempotency.once(
                caller.idempotencyScope(), "POST", uri.getRequestUri().getRawPath(), idempotencyKey, body, () -> {
                    RequestReader.Read<AdPackage> read = reader.read(body, AdPackage.class, INVALID_PACKAGE);
                    SubmissionView created = submissions.submit(new ReceivedPackage(read.value(), read.tree()), caller);
                    return locations.created("v1/submissions", created.id(), created);
                });
    }

    @RolesAllowed(Roles.SUBMITTER)
    @POST
    @Path("/batch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "submitAdPackageBatch",
            summary = "Submit up to 100 ad packages at once",
            description = "`{\"items\": [package, …]}`: each package is checked and decided as `POST /v1/submissions`"
                    + " would decide it had the packages been sent one after another in the batch's order (a package"
                    + " counts the identifiers that packages before it named first; two revisions of one ad are stored"
                    + " in that order); they are stored together. The answer has one item per package, the stored"
                    + " submission or the problem that refused it, and a refused package never stops the others. The"
                    + " whole body is within the API's body limit; one Idempotency-Key stands for the whole batch.")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = BatchRequest.class),
                            examples =
                                    @ExampleObject(name = "a batch of one", value = "{\"items\":[" + EXAMPLE + "]}")))
    @APIResponse(
            responseCode = "200",
            description = "Every package was dealt with; see each item.",
            content = @Content(schema = @Schema(implementation = BatchView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a batch: not JSON, no `items` array, none or more than "
                    + MAX_BATCH
                    + " items. Nothing is stored.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "413",
            description = "Body too large.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submitBatch(
            @Parameter(description = Idempotency.HEADER_DESCRIPTION) @HeaderParam(Idempotency.HEADER)
                    String idempotencyKey,
            String body,
            UriInfo uri) {
        String path = uri.getRequestUri().getRawPath();
        return idempotency.once(caller.idempotencyScope(), "POST", path, idempotencyKey, body, () -> {
            List<JsonNode> packages = batchItems(reader.parse(body, INVALID_BATCH));
            BatchView.Item[] items = new BatchView.Item[packages.size()];
            List<Integer> readable = new ArrayList<>(packages.size());
            List<ReceivedPackage> received = new ArrayList<>(packages.size());
            for (int i = 0; i < packages.size(); i++) {
                try {
                    RequestReader.Read<AdPackage> read = reader.read(packages.get(i), AdPackage.class, INVALID_PACKAGE);
                    readable.add(i);
                    received.add(new ReceivedPackage(read.value(), read.tree()));
                } catch (ProblemException e) {
                    items[i] = refused(i, e, path);
                }
            }
            if (!received.isEmpty()) {
                storeItems(readable, received, items, path);
            }
            return Response.ok(BatchView.of(List.of(items))).build();
        });
    }

    /** The readable packages of a batch, stored together; each answered on its own. */
    private void storeItems(
            List<Integer> readable, List<ReceivedPackage> received, BatchView.Item[] items, String path) {
        try {
            List<SubmissionService.BatchAnswer> answers = submissions.submitAll(received, caller);
            for (int k = 0; k < readable.size(); k++) {
                int index = readable.get(k);
                SubmissionService.BatchAnswer answer = answers.get(k);
                items[index] = answer.refused() != null
                        ? refused(index, answer.refused(), path)
                        : new BatchView.Item(index, 201, answer.stored(), null);
            }
        } catch (ProblemException e) {
            // Refused as a whole before anything was stored (no policy pack loaded, say): each package was.
            readable.forEach(index -> items[index] = refused(index, e, path));
        } catch (RuntimeException e) {
            // Not the packages' fault (the store, say): they can be sent again once looked up.
            LOG.errorf(e, "Batch of %d packages of %s failed", readable.size(), caller.actor());
            for (int index : readable) {
                items[index] = new BatchView.Item(
                        index,
                        500,
                        null,
                        new Problem(
                                "urn:adreview:problem:internal",
                                "Internal error",
                                500,
                                "This package failed on our side; it has been logged. It may have been stored: look its"
                                        + " ad up before sending it again.",
                                path + "#/items/" + index,
                                List.of()));
            }
        }
    }

    private static List<JsonNode> batchItems(JsonNode tree) {
        if (!(tree instanceof ObjectNode batch)) {
            throw ProblemException.invalid(
                    INVALID_BATCH, List.of(new FieldError("", "must be a JSON object with an items array")));
        }
        List<FieldError> errors = new ArrayList<>();
        batch.fieldNames().forEachRemaining(name -> {
            if (!name.equals("items")) {
                errors.add(new FieldError(name, "unknown property (allowed: items)"));
            }
        });
        JsonNode items = batch.get("items");
        if (!(items instanceof ArrayNode array)) {
            errors.add(new FieldError("items", "must be an array of ad packages"));
        } else if (array.isEmpty() || array.size() > MAX_BATCH) {
            errors.add(new FieldError("items", "must hold 1 to " + MAX_BATCH + " packages, not " + array.size()));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(INVALID_BATCH, errors);
        }
        List<JsonNode> out = new ArrayList<>(items.size());
        items.forEach(out::add);
        return out;
    }

    private static BatchView.Item refused(int index, ProblemException e, String path) {
        return new BatchView.Item(
                index,
                e.status(),
                null,
                new Problem(e.type(), e.title(), e.status(), e.getMessage(), path + "#/items/" + index, e.errors()));
    }

    @RolesAllowed({Roles.SUBMITTER, Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getSubmission", summary = "Get one submission with its decision and package")
    @APIResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SubmissionView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such submission.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SubmissionView get(@PathParam("id") String id) {
        return submissions.get(id, caller);
    }

    @RolesAllowed({Roles.SUBMITTER, Roles.REVIEWER, Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(
            operationId = "listSubmissions",
            summary = "List submissions, newest first",
            description = "Filters combine; pages are cursor-based.")
    // 200 is the Page's schema from the return type; 400 for a bad filter, limit or cursor is declared by
    // OpenApiContract for every operation with parameters.
    public Page<SubmissionView> list(
            @Parameter(description = "Only revisions of this ad.") @QueryParam("adId") String adId,
            @Parameter(description = "APPROVED, REJECTED, PENDING_REVIEW or PULLED.") @QueryParam("status")
                    String status,
            @Parameter(description = "Only this advertiser account (a gateway always sees only its own).")
                    @QueryParam("accountId")
                    String accountId,
            @Parameter(description = "Only this category.") @QueryParam("category") String category,
            @Parameter(description = "Page size, 1 to the configured maximum (100 by default).") @QueryParam("limit")
                    String limit,
            @Parameter(description = "The `next` value of the previous page.") @QueryParam("cursor") String cursor) {
        return submissions.list(
                new SubmissionQuery(adId, status, caller.accountFilter(accountId), category),
                PageRequest.of(limit, cursor, api));
    }
}
