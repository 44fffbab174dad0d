package com.adreview.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.GenerousLimitsProfile;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the served OpenAPI document, driven with generated requests — bodies from the
 * document's own schemas, then broken: boundary and absurd numbers, wrong types, huge and unicode
 * strings, missing and extra fields, odd parameters and headers — as every kind of caller. Seeded, so a
 * failure replays. Nothing may answer 5xx, every error must be a problem document, and no refused
 * request may leave a trace in the audit trail (everything stored is audited).
 */
@QuarkusTest
@TestProfile(GenerousLimitsProfile.class)
@WithTestResource(EmbeddedStoreResource.class)
class OpenApiFuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261204L);
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", 4_000);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PUNCTUATION = "/?#%&=+{}\"'\\<>";

    private final Random random = new Random(SEED);
    private HttpClient http = client();
    private JsonNode document;

    private record Operation(String method, String path, JsonNode spec) {}

    private enum Caller {
        NOBODY,
        OWN_GATEWAY,
        OTHER_GATEWAY,
        REVIEWER,
        AUDITOR,
        ADMIN
    }

    @Test
    void noGeneratedRequestMakesTheServiceFailOrStoreWhatItRefused() throws Exception {
        document = TestPackages.JSON.readTree(RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);
        Map<Caller, String> credentials = credentials();

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            Operation op = operations.get(i % operations.size());
            Caller caller = Caller.values()[random.nextInt(Caller.values().length)];
            boolean changing = !op.method().equals("GET");
            if (changing) {
                newAuditEntries(); // what came before this request is not its doing
            }
            HttpRequest request = request(op, credentials.get(caller));
            String what = "#" + i + " " + op.method() + " " + request.uri().getRawPath() + " as " + caller;
            HttpResponse<String> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.net.http.HttpTimeoutException e) {
                failures.add(what + ": no answer in 30 s (" + abbreviate(lastBody) + ")");
                continue;
            } catch (java.io.IOException e) {
                http = client();
                if (requestLineTooLong(request)) {
                    // The decoder answers 414 and closes at once; when the client is still sending, the close
                    // resets the connection and the answer is lost with it. Nothing of ours ran.
                    byStatus.merge(414, 1, Integer::sum);
                } else {
                    failures.add(what + ": connection failed: " + e);
                }
                continue;
            }
            int status = response.statusCode();
            if (closesConnection(status)) {
                // The server closes this connection after answering; a pooled client may not have seen the
                // close yet and would send the next request into it. A fresh client, so that a failed
                // exchange above is always the server's doing.
                http = client();
            }
            byStatus.merge(status, 1, Integer::sum);
            if (status >= 500) {
                failures.add(what + ": " + status + " " + abbreviate(response.body()));
            } else if (status >= 400
                    && !decoderRefusal(status)
                    && !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                failures.add(what + ": " + status + " without a problem document");
            } else if (changing && status >= 400) {
                List<String> traces = newAuditEntries().stream()
                        .filter(e -> !background(e))
                        .map(e -> e.path("action").asText() + " by "
                                + e.path("actor").asText())
                        .toList();
                if (!traces.isEmpty()) {
                    failures.add(what + ": refused with " + status + " but the audit trail grew: " + traces);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz: %d requests in %.1f s, seed %d, by status %s%n", REQUESTS, seconds, SEED, byStatus);
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertThat(byStatus.keySet()).contains(200, 201, 400, 401, 403, 404);
    }

    // ---- the document --------------------------------------------------------------------------

    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/v1/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                String m = method.getKey().toUpperCase(java.util.Locale.ROOT);
                if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(m)) {
                    out.add(new Operation(m, path.getKey(), method.getValue()));
                }
            }
        }
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int hops = 0; s != null && s.has("$ref") && hops < 10; hops++) {
            String name = s.get("$ref").asText().substring("#/components/schemas/".length());
            s = document.path("components").path("schemas").get(name);
        }
        if (s != null && s.has("allOf") && s.get("allOf").size() == 1) {
            return resolve(s.get("allOf").get(0));
        }
        return s == null ? NODES.objectNode() : s;
    }

    // ---- callers -------------------------------------------------------------------------------

    private static Map<Caller, String> credentials() {
        Map<Caller, String> out = new LinkedHashMap<>();
        out.put(Caller.NOBODY, null);
        out.put(Caller.OWN_GATEWAY, "key:" + Api.keyFor("acct-fuzz"));
        out.put(Caller.OTHER_GATEWAY, "key:" + Api.keyFor("acct-fuzz-other"));
        out.put(Caller.REVIEWER, basic("li"));
        out.put(Caller.AUDITOR, basic("auditor"));
        out.put(Caller.ADMIN, basic("admin"));
        return out;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    // ---- requests ------------------------------------------------------------------------------

    private HttpRequest request(Operation op, String credential) {
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : op.spec().path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                path = path.replace("{" + name + "}", encode(pathValue()));
            } else if (in.equals("query") && random.nextInt(3) > 0) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(encode(name))
                        .append('=')
                        .append(encode(scalar(resolve(parameter.path("schema")))));
            }
        }
        if (random.nextInt(20) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unknown=").append(encode(text()));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + path + query))
                .timeout(Duration.ofSeconds(30));
        if (credential != null && credential.startsWith("key:")) {
            b.header("X-Api-Key", credential.substring(4));
        } else if (credential != null) {
            b.header("Authorization", credential);
        } else if (random.nextInt(4) == 0) {
            b.header("Authorization", random.nextBoolean() ? "Basic " + headerText() : "Bearer " + headerText());
        }
        if (random.nextInt(4) == 0) {
            b.header("Idempotency-Key", random.nextBoolean() ? headerText() : "k-" + random.nextLong());
        }
        if (random.nextInt(6) == 0) {
            b.header("X-Reviewer", headerText());
        }
        if (op.method().equals("GET")
                || op.method().equals("DELETE") && !op.spec().has("requestBody")) {
            lastBody = "";
            return b.method(op.method(), HttpRequest.BodyPublishers.noBody())
                    .header("Content-Type", "application/json")
                    .build();
        }
        String body = body(op);
        lastBody = body;
        String type = random.nextInt(12) == 0 ? "text/plain" : "application/json";
        return b.header("Content-Type", type)
                .method(op.method(), HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String body(Operation op) {
        JsonNode schema = op.spec()
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        switch (random.nextInt(12)) {
            case 0:
                return "";
            case 1:
                return "{\"broken\": ";
            case 2:
                return "[1,2,3]";
            case 3:
                return "\"" + text() + "\"";
            default:
                JsonNode value = value(resolve(schema), 0);
                if (op.path().equals("/v1/submissions") && value instanceof ObjectNode o) {
                    // Mostly the gateway's own account, so that some get past the tenant check.
                    if (o.get("advertiser") instanceof ObjectNode a && random.nextInt(3) > 0) {
                        a.put("accountId", "acct-fuzz");
                    }
                }
                return value.toString();
        }
    }

    /** A value for the schema, valid or not. */
    private JsonNode value(JsonNode schema, int depth) {
        if (depth > 6 || random.nextInt(25) == 0) {
            return wrongType();
        }
        if (schema.has("enum") && random.nextInt(6) > 0) {
            JsonNode values = schema.get("enum");
            return values.get(random.nextInt(values.size()));
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        switch (type) {
            case "object": {
                ObjectNode o = NODES.objectNode();
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                for (Iterator<Map.Entry<String, JsonNode>> it =
                                schema.path("properties").fields();
                        it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    boolean keep = required.contains(p.getKey()) ? random.nextInt(12) > 0 : random.nextInt(3) > 0;
                    if (keep) {
                        o.set(p.getKey(), value(resolve(p.getValue()), depth + 1));
                    }
                }
                if (random.nextInt(10) == 0) {
                    o.set("extra" + random.nextInt(9), value(NODES.objectNode(), depth + 1));
                }
                return o;
            }
            case "array": {
                ArrayNode a = NODES.arrayNode();
                int n = random.nextInt(10) == 0 ? 60 + random.nextInt(60) : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    a.add(value(resolve(schema.path("items")), depth + 1));
                }
                return a;
            }
            case "integer":
            case "number":
                return number();
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            default:
                return NODES.textNode(stringFor(schema));
        }
    }

    private String stringFor(JsonNode schema) {
        String format = schema.path("format").asText("");
        if (random.nextInt(3) == 0) {
            return text();
        }
        return switch (format) {
            case "date" -> List.of("2020-02-29", "0000-01-01", "+99999-01-01", "2026-13-40")
                    .get(random.nextInt(4));
            case "date-time" -> List.of(
                            "2026-12-01T00:00:00Z",
                            "+999999999-12-31T23:59:59Z",
                            "-999999999-01-01T00:00:00Z",
                            "2026-12-01T00:00:00")
                    .get(random.nextInt(4));
            default -> List.of(
                            "acct-fuzz",
                            "91110108558521630L",
                            "hengyuan-p2p.cn",
                            "https://www.hengyuan-p2p.cn/",
                            "保本保息，年化36%，加微信领取",
                            "0123456789abcdef01234567")
                    .get(random.nextInt(6));
        };
    }

    private JsonNode number() {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.numberNode(new java.math.BigDecimal("12345678901234567890123456789012345678"));
            case 1 -> NODES.numberNode(new java.math.BigDecimal("1e400"));
            case 2 -> NODES.numberNode(-1);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.numberNode(0.000000001);
            case 5 -> NODES.numberNode(Long.MIN_VALUE);
            default -> NODES.numberNode(random.nextInt(1_000_000_000));
        };
    }

    private JsonNode wrongType() {
        return switch (random.nextInt(6)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(text());
            case 2 -> number();
            case 3 -> NODES.booleanNode(true);
            case 4 -> NODES.arrayNode().add(text());
            default -> NODES.objectNode().put("x", text());
        };
    }

    private String scalar(JsonNode schema) {
        JsonNode v = value(schema, 5);
        return v.isTextual() ? v.asText() : v.toString();
    }

    private String pathValue() {
        return switch (random.nextInt(6)) {
            case 0 -> "0123456789abcdef01234567";
            case 1 -> "CREDIT_CODE";
            case 2 -> "acct-fuzz";
            default -> text();
        };
    }

    /** What an HTTP client lets into a header: visible ASCII, sometimes long. */
    private String headerText() {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(5) == 0 ? 4_000 : 1 + random.nextInt(40);
        for (int i = 0; i < n; i++) {
            s.append((char) ('!' + random.nextInt(94)));
        }
        return s.toString();
    }

    /** Unicode, controls, invisibles, huge, or empty. */
    private String text() {
        int kind = random.nextInt(8);
        if (kind == 0) {
            return "";
        }
        if (kind == 1) {
            return "x".repeat(random.nextBoolean() ? 5_000 : 70_000);
        }
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(kind == 2 ? 400 : 24);
        for (int i = 0; i < n; i++) {
            int c =
                    switch (random.nextInt(6)) {
                        case 0 -> 0x4e00 + random.nextInt(0x5000); // CJK
                        case 1 -> List.of(0x200b, 0x202e, 0xfeff, 0x2028, 0x0000, 0x001f, 0xe0041)
                                .get(random.nextInt(7));
                        case 2 -> 0x1f600 + random.nextInt(80); // emoji
                        case 3 -> PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
                        default -> 'a' + random.nextInt(26);
                    };
            s.appendCodePoint(c);
        }
        return s.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Entries the service's own background work appends at any time, as a consequence of earlier accepted
     * requests (a surge alert the surge worker opens after a complaint, a pull or a review closed by the
     * engine, a day-count backfill an admin asked for finishing): not the doing of the request in flight.
     */
    private static boolean background(JsonNode entry) {
        return entry.path("actor").asText().equals("system")
                || entry.path("action").asText().equals("DAY_COUNTS_BACKFILLED");
    }

    /**
     * The trail's entries after the last one seen: read on, a page at a time, through a pooled client of its
     * own (twice per changing request: REST Assured's per-request set-up cost more than the fuzzed requests
     * themselves).
     */
    private List<JsonNode> newAuditEntries() throws java.io.IOException, InterruptedException {
        List<JsonNode> entries = new ArrayList<>();
        while (true) {
            HttpRequest page = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                            + "/v1/audit/events?limit=100&after=" + lastSeen))
                    .header("Authorization", basic("auditor"))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build();
            HttpResponse<String> response = auditClient.send(page, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode items = TestPackages.JSON.readTree(response.body()).get("items");
            if (items.isEmpty()) {
                return entries;
            }
            items.forEach(entries::add);
            lastSeen = items.get(items.size() - 1).get("seq").asLong();
        }
    }

    private final HttpClient auditClient = client();
    private long lastSeen;
    private String lastBody = "";

    /**
     * A request line over 4 KiB (414) or headers over 20 KiB (431) are refused by the HTTP decoder before
     * the request exists for the application, with a bare status line: nothing of ours runs to word it.
     */
    /** Vert.x's default {@code quarkus.http.limits.max-initial-line-length}. */
    private static final int MAX_REQUEST_LINE = 4096;

    private static boolean requestLineTooLong(HttpRequest request) {
        URI uri = request.uri();
        int length = request.method().length()
                + 1
                + uri.getRawPath().length()
                + (uri.getRawQuery() == null ? 0 : 1 + uri.getRawQuery().length())
                + " HTTP/1.1".length();
        return length > MAX_REQUEST_LINE;
    }

    private static boolean closesConnection(int status) {
        return status == 413 || decoderRefusal(status);
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private static boolean decoderRefusal(int status) {
        return status == 414 || status == 431;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
