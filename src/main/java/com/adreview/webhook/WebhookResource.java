package com.adreview.webhook;

import com.adreview.api.Locations;
import com.adreview.api.Problem;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks", description = "Ad changes pushed to the ad-serving side, signed, retried until delivered")
public class WebhookResource {

    private final RequestReader reader;
    private final WebhookService webhooks;
    private final Locations locations;

    public WebhookResource(Locations locations, RequestReader reader, WebhookService webhooks) {
        this.locations = locations;
        this.reader = reader;
        this.webhooks = webhooks;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "registerWebhook",
            summary = "Register a subscriber",
            description =
                    "Every change of the ad feed after `after` (default: from now on) is POSTed to the URL, in order,"
                            + " with X-Adreview-Event-Id (the feed position) and X-Adreview-Signature: sha256=<hex HMAC-SHA256 of"
                            + " the body under the secret>. A change is retried with exponential backoff until the subscriber"
                            + " answers 2xx. The secret is shown only in this answer. The URL must be http or https, without"
                            + " credentials, and reach a public address: the host, and every address its name resolves to,"
                            + " may not be loopback, private (RFC 1918), shared (100.64/10), link-local, unique-local (fc00::/7),"
                            + " multicast, unspecified or reserved, in any spelling (decimal, hex, octal, IPv4-mapped IPv6),"
                            + " unless allow-listed in configuration (adreview.webhook.allowed-hosts, allowed-networks). The"
                            + " check is made again before every delivery, and the delivery connects to the address it"
                            + " checked; redirects are not followed.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = WebhookViews.Request.class)))
    @APIResponse(
            responseCode = "201",
            description = "Registered; the signing secret is in this answer only, Location points at it.",
            content = @Content(schema = @Schema(implementation = WebhookViews.Subscriber.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid subscriber: a URL that is not http(s), has credentials, does not resolve or"
                    + " reaches an address that is not public; an `after` that is negative or beyond the feed's end."
                    + " Every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(String body, UriInfo uri) {
        WebhookViews.Request request = reader.read(body, WebhookViews.Request.class, WebhookService.INVALID_WEBHOOK)
                .value();
        WebhookViews.Subscriber created = webhooks.register(request);
        return locations.created("v1/webhooks", created.id(), created);
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(operationId = "listWebhooks", summary = "Every subscriber, newest first (without secrets)")
    public List<WebhookViews.Subscriber> list() {
        return webhooks.list();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getWebhook", summary = "One subscriber with its delivery position")
    public WebhookViews.Subscriber get(@PathParam("id") String id) {
        return webhooks.get(id);
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}/deliveries")
    @Operation(
            operationId = "listWebhookDeliveries",
            summary = "The latest delivery attempts to a subscriber, newest first",
            description = "A failed attempt names its class only: REFUSED, TIMEOUT, TLS, DNS, BLOCKED_ADDRESS (the"
                    + " host is or resolves to an address that is not public; nothing was sent), INVALID_URL,"
                    + " CONNECTION, INTERRUPTED, or HTTP_<status> for an answer other than 2xx. A send on a kept-alive"
                    + " connection that closed before any answer is sent again at once on a new one, within the same"
                    + " attempt, and listed as a failed send (CONNECTION) of that attempt: the subscriber may have"
                    + " received it.")
    public List<WebhookViews.Delivery> deliveries(@PathParam("id") String id) {
        return webhooks.deliveries(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "stopWebhook", summary = "Stop deliveries to a subscriber")
    public WebhookViews.Subscriber stop(@PathParam("id") String id) {
        return webhooks.stop(id);
    }
}
