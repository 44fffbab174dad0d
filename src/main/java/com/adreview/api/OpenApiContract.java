package com.adreview.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * The served OpenAPI document as clients need it: how to sign in, and the problem answers (RFC 9457) that
 * every operation can give, declared once here instead of on every resource method.
 *
 * <p>Quarkus marks each operation with the roles of its {@code @RolesAllowed} (as one generic scheme);
 * this turns that into the three ways in that the service really has: a gateway's API key (role
 * submitter only), HTTP Basic for the development users, a bearer token from the OIDC provider in
 * production (staff roles). The roles stay on the staff schemes (OpenAPI 3.1 allows role names there).
 *
 * <p>Problems declared, where the service gives them: 401 and 403 and 429 (sign-in throttle, a key's rate)
 * on every signed-in operation; 400 on every operation that takes parameters or a body; 413 and 415 on
 * every state-changing one (api/HttpEdge); 409 and 422 where an Idempotency-Key is read (Idempotency).
 * A problem response an annotation declared without a body gets the problem body.
 */
public class OpenApiContract implements OASFilter {

    static final String GATEWAY_KEY = "gatewayKey";
    static final String STAFF_BASIC = "staffBasic";
    static final String STAFF_BEARER = "staffBearer";
    /** The one scheme Quarkus adds for {@code @RolesAllowed} (quarkus.smallrye-openapi.auto-add-security). */
    private static final String AUTO_SCHEME = "SecurityScheme";

    private static final Set<PathItem.HttpMethod> STATE_CHANGING = Set.of(
            PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    /** The common problem answers, by status: description. */
    private static final Map<String, String> PROBLEMS = new LinkedHashMap<>();

    static {
        PROBLEMS.put("400", "The request is invalid; `errors` names every bad field or parameter.");
        PROBLEMS.put("401", "No credentials, or invalid ones (a revoked key, a wrong password, an expired token).");
        PROBLEMS.put("403", "Signed in, but the caller's role (or tenant) does not allow this.");
        PROBLEMS.put(
                "409",
                "A request with the same Idempotency-Key is still being processed (retry after Retry-After), or the"
                        + " resource is not in a state that allows this.");
        PROBLEMS.put("413", "The body is larger than the API's limit (adreview.api.max-body-bytes).");
        PROBLEMS.put("415", "A state-changing call must be sent as application/json.");
        PROBLEMS.put("422", "The Idempotency-Key was used before with another body.");
        PROBLEMS.put(
                "429",
                "Too many requests: the API key's rate, the complaint intake's rate, or sign-in attempts after wrong"
                        + " passwords; retry after Retry-After seconds.");
    }

    private static final Map<String, String> PROBLEM_NAMES = Map.of(
            "400", "InvalidRequest",
            "401", "Unauthenticated",
            "403", "Forbidden",
            "409", "Conflict",
            "413", "PayloadTooLarge",
            "415", "UnsupportedMediaType",
            "422", "IdempotencyKeyReused",
            "429", "TooManyRequests");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getServers() == null || openAPI.getServers().isEmpty()) {
            openAPI.addServer(OASFactory.createServer()
                    .url("/")
                    .description("This service: the address this document was fetched from."));
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        var components = openAPI.getComponents();
        if (components.getSecuritySchemes() != null) {
            components.removeSecurityScheme(AUTO_SCHEME);
        }
        components.addSecurityScheme(
                GATEWAY_KEY,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.APIKEY)
                        .in(SecurityScheme.In.HEADER)
                        .name("X-Api-Key")
                        .description(
                                "A gateway's API key (created by an admin at POST /v1/api-keys; role submitter)."));
        components.addSecurityScheme(
                STAFF_BASIC,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("Staff, with the development users (li, wang, auditor, admin; password = name) of"
                                + " the one-command run. Off in the production profile."));
        components.addSecurityScheme(
                STAFF_BEARER,
                OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")
                        .description("Staff in production: an access token of the organisation's OIDC provider"
                                + " (quarkus.oidc.auth-server-url), roles in its groups claim."));
        for (String status : PROBLEMS.keySet()) {
            components.addResponse(
                    PROBLEM_NAMES.get(status),
                    OASFactory.createAPIResponse()
                            .description(PROBLEMS.get(status))
                            .content(problemContent()));
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> declare(path, method, operation)));
    }

    private void declare(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        boolean signedIn = signIn(operation);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        boolean takesInput = operation.getRequestBody() != null
                || parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        boolean idempotent = parameters.stream()
                .anyMatch(p -> p.getIn() == Parameter.In.HEADER && Idempotency.HEADER.equalsIgnoreCase(p.getName()));
        boolean api = path.startsWith("/v1/");
        if (takesInput) {
            refer(responses, "400");
        }
        if (signedIn) {
            refer(responses, "401");
            refer(responses, "403");
            refer(responses, "429");
        }
        if (api && STATE_CHANGING.contains(method)) {
            refer(responses, "413");
            refer(responses, "415");
        }
        if (idempotent) {
            refer(responses, "409");
            refer(responses, "422");
        }
        // An error an annotation declared with a description only still answers with a problem body.
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    if (response.getRef() == null
                            && (response.getContent() == null
                                    || response.getContent().getMediaTypes() == null
                                    || response.getContent().getMediaTypes().isEmpty())) {
                        response.setContent(problemContent());
                    }
                }
            });
        }
    }

    /** Puts the common answer for a status where the operation has none of its own. */
    private static void refer(APIResponses responses, String status) {
        APIResponse own = responses.getAPIResponse(status);
        boolean generic = own != null
                && own.getRef() == null
                && (own.getContent() == null
                        || own.getContent().getMediaTypes() == null
                        || own.getContent().getMediaTypes().isEmpty())
                && ("Not Authorized".equals(own.getDescription()) || "Not Allowed".equals(own.getDescription()));
        if (own == null || generic) {
            responses.addAPIResponse(
                    status, OASFactory.createAPIResponse().ref("#/components/responses/" + PROBLEM_NAMES.get(status)));
        }
    }

    /**
     * Replaces Quarkus's one generic scheme on an operation by the ways in that its roles admit; true when
     * the operation needs a signed-in caller.
     */
    private static boolean signIn(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        if (security == null || security.isEmpty()) {
            return false;
        }
        List<String> roles = new ArrayList<>();
        for (SecurityRequirement requirement : security) {
            if (requirement.getSchemes() != null && requirement.getSchemes().containsKey(AUTO_SCHEME)) {
                roles.addAll(requirement.getScheme(AUTO_SCHEME));
            }
        }
        if (roles.isEmpty()) {
            return true;
        }
        List<SecurityRequirement> ways = new ArrayList<>();
        if (roles.contains(Roles.SUBMITTER)) {
            ways.add(OASFactory.createSecurityRequirement().addScheme(GATEWAY_KEY));
        }
        List<String> staff =
                roles.stream().filter(r -> !r.equals(Roles.SUBMITTER)).toList();
        if (!staff.isEmpty()) {
            ways.add(OASFactory.createSecurityRequirement().addScheme(STAFF_BASIC, staff));
            ways.add(OASFactory.createSecurityRequirement().addScheme(STAFF_BEARER, staff));
        }
        operation.setSecurity(ways);
        String description = operation.getDescription() == null ? "" : operation.getDescription() + "\n\n";
        operation.setDescription(description + "Roles: " + String.join(", ", roles) + ".");
        return true;
    }

    private static Content problemContent() {
        return OASFactory.createContent()
                .addMediaType(
                        Problem.MEDIA_TYPE,
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }
}
