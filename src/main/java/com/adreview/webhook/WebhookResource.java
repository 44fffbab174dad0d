package com.adreview.webhook;

import com.adreview.api.FieldError;
import com.adreview.api.Locations;
import com.adreview.api.Problem;
import com.adreview.api.ProblemException;
import com.adreview.api.RequestReader;
import com.adreview.api.Roles;
import com.adreview.feed.AdChangeFeed;
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
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
    private final WebhookStore store;
    private final AdChangeFeed feed;
    private final Clock clock;

    private final WebhookSecrets secrets;
    private final SubscriberAddresses addresses;

    private final Locations locations;

    public WebhookResource(
            Locations locations,
            RequestReader reader,
            WebhookStore store,
            AdChangeFeed feed,
            WebhookSecrets secrets,
            SubscriberAddresses addresses,
            Clock clock) {
        this.locations = locations;
        this.secrets = secrets;
        this.addresses = addresses;
        this.reader = reader;
        this.store = store;
        this.feed = feed;
        this.clock = clock;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
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
            content = @Content(schema = @Schema(implementation = WebhookViews.Subscriber.class)))
    @APIResponse(
            responseCode = "400",
            description = "Not a valid subscriber: a URL that is not http(s), has credentials, does not resolve or"
                    + " reaches an address that is not public; an `after` that is negative or beyond the feed's end."
                    + " Every bad field is named.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(String body, UriInfo uri) {
        WebhookViews.Request request = reader.read(
                        body, WebhookViews.Request.class, "The request is not a valid webhook")
                .value();
        long end = feed.lastSeq();
        List<FieldError> errors = new ArrayList<>();
        try {
            addresses.check(request.url());
        } catch (SubscriberAddresses.Refused e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        if (request.after() != null && request.after() > end) {
            // A cursor beyond the end would skip every change until the feed caught up with it, silently.
            errors.add(new FieldError("after", "must be a position of the feed, at most its end (" + end + ")"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("The request is not a valid webhook", errors);
        }
        WebhookSubscriberDocument doc = new WebhookSubscriberDocument();
        doc.id = new org.bson.types.ObjectId();
        doc.url = request.url().strip();
        doc.createdAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        doc.active = true;
        doc.cursor = request.after() == null ? end : request.after();
        store.persist(doc);
        return locations.created(
                "v1/webhooks", doc.id.toHexString(), WebhookViews.Subscriber.of(doc, secrets.secretOf(doc)));
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Operation(summary = "Every subscriber, newest first (without secrets)")
    public List<WebhookViews.Subscriber> list() {
        return store.newestFirst().stream()
                .map(s -> WebhookViews.Subscriber.of(s, null))
                .toList();
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}")
    @Operation(summary = "One subscriber with its delivery position")
    public WebhookViews.Subscriber get(@PathParam("id") String id) {
        return WebhookViews.Subscriber.of(find(id), null);
    }

    @RolesAllowed({Roles.AUDITOR, Roles.ADMIN})
    @GET
    @Path("/{id}/deliveries")
    @Operation(
            summary = "The latest delivery attempts to a subscriber, newest first",
            description = "A failed attempt names its class only: REFUSED, TIMEOUT, TLS, DNS, BLOCKED_ADDRESS (the"
                    + " host is or resolves to an address that is not public; nothing was sent), INVALID_URL,"
                    + " CONNECTION, INTERRUPTED, or HTTP_<status> for an answer other than 2xx.")
    public List<WebhookViews.Delivery> deliveries(@PathParam("id") String id) {
        return store.attempts(find(id).id, 200).stream()
                .map(WebhookViews.Delivery::of)
                .toList();
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Operation(summary = "Stop deliveries to a subscriber")
    public WebhookViews.Subscriber stop(@PathParam("id") String id) {
        WebhookSubscriberDocument doc = find(id);
        if (!store.deactivate(doc.id)) {
            throw ProblemException.conflict("Webhook " + id + " is already stopped");
        }
        return WebhookViews.Subscriber.of(find(id), null);
    }

    private WebhookSubscriberDocument find(String id) {
        return store.byId(id).orElseThrow(() -> ProblemException.notFound("No webhook with id " + id));
    }
}
