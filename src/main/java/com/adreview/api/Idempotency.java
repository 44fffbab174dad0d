package com.adreview.api;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.bson.Document;

/**
 * {@code Idempotency-Key} on the endpoints that create or decide: the same key with the same body,
 * within {@code adreview.api.idempotency-retention}, gets the first answer again (and nothing happens
 * twice); the same key with another body is a 422; a repeat while the first is still being processed
 * is a 409. Keys are scoped by caller (a gateway's tenant, a member of staff) and endpoint. The key is
 * taken by inserting its record under a unique id, so of any number of concurrent identical requests
 * exactly one runs.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";

    /** The header's documentation, for every endpoint that takes it. */
    public static final String HEADER_DESCRIPTION = "Makes the request safe to retry: the same key and body within 24 h"
            + " get the first answer; another body with the key is a 422; while the first is still running, a 409.";

    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String IN_FLIGHT = "IN_FLIGHT";
    private static final String DONE = "DONE";

    private final MongoCollection<Document> records;
    private final ObjectMapper json;
    private final ApiConfig config;
    private final Clock clock;

    public Idempotency(MongoDatabase database, ObjectMapper json, ApiConfig config, Clock clock) {
        this.records = database.getCollection("idempotencyKeys");
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs the request once per key.
     *
     * @param scope who is asking (tenant or staff member)
     * @param method the request's method
     * @param path the request's path: with the method, the operation the key is for
     * @param key the header's value; null runs the request as is
     * @param body the request body, part of what the key stands for
     */
    public Response once(
            String scope, String method, String path, String key, String body, Supplier<Response> request) {
        String endpoint = method + " " + path;
        if (key == null) {
            return request.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.invalidField(HEADER, "must be 1 to 255 printable ASCII characters");
        }
        String id = sha256(scope + "\n" + endpoint + "\n" + key);
        String fingerprint = sha256(endpoint + "\n" + (body == null ? "" : body));
        Instant now = clock.instant();
        Document taken = new Document("_id", id)
                .append("state", IN_FLIGHT)
                .append("fingerprint", fingerprint)
                .append("createdAt", Date.from(now))
                .append("expiresAt", Date.from(now.plus(config.idempotencyRetention())));
        for (int attempt = 0; ; attempt++) {
            try {
                records.insertOne(taken);
                break;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY || attempt > 2) {
                    throw e;
                }
            }
            Document first = records.find(eq("_id", id)).first();
            if (first == null) {
                continue; // it expired and was purged meanwhile
            }
            if (first.getDate("expiresAt").toInstant().isBefore(now)) {
                records.deleteOne(and(eq("_id", id), eq("createdAt", first.getDate("createdAt"))));
                continue;
            }
            if (!fingerprint.equals(first.getString("fingerprint"))) {
                throw ProblemException.unprocessable(
                        "Idempotency-Key " + key + " was used for a different request",
                        List.of(new FieldError(HEADER, "already used with another body; use a new key")));
            }
            if (DONE.equals(first.getString("state"))) {
                return replay(first.get("response", Document.class));
            }
            boolean abandoned = first.getDate("createdAt")
                    .toInstant()
                    .plus(config.idempotencyInFlightTimeout())
                    .isBefore(now);
            throw abandoned
                    ? ProblemException.conflict(
                            "The request with Idempotency-Key " + key
                                    + " was cut short and may or may not have taken effect; check its result, and retry with a new key")
                    : ProblemException.conflictRetryAfter(
                            "A request with Idempotency-Key " + key + " is still being processed; retry shortly", 1);
        }
        Response response;
        try {
            response = request.get();
        } catch (ProblemException e) {
            if (e.status() >= 500) {
                records.deleteOne(eq("_id", id)); // nothing was done: the key is free for a retry
                throw e;
            }
            remember(id, e.status(), null, problemOf(e, path));
            throw e;
        } catch (RuntimeException e) {
            records.deleteOne(eq("_id", id));
            throw e;
        }
        Object location = response.getHeaders().getFirst(HttpHeaders.LOCATION);
        remember(id, response.getStatus(), location == null ? null : location.toString(), entity(response.getEntity()));
        return response;
    }

    /** Forgets keys past their retention; called by the purge loop. */
    public long purge() {
        return records.deleteMany(lt("expiresAt", Date.from(clock.instant()))).getDeletedCount();
    }

    private void remember(String id, int status, String location, String body) {
        Document response = new Document("status", status).append("body", body);
        if (location != null) {
            response.append("location", location);
        }
        records.updateOne(
                eq("_id", id), Updates.combine(Updates.set("state", DONE), Updates.set("response", response)));
    }

    private Response replay(Document stored) {
        int status = stored.getInteger("status");
        Response.ResponseBuilder out = Response.status(status).header(REPLAYED, "true");
        if (stored.getString("location") != null) {
            out.header(HttpHeaders.LOCATION, stored.getString("location"));
        }
        String body = stored.getString("body");
        if (body != null) {
            out.entity(body).type(status >= 400 ? Problem.MEDIA_TYPE : MediaType.APPLICATION_JSON);
        }
        return out.build();
    }

    private String problemOf(ProblemException e, String path) {
        return entity(new Problem(e.type(), e.title(), e.status(), e.getMessage(), path, e.errors()));
    }

    private String entity(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return entity instanceof String s ? s : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response entity must always serialise", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
