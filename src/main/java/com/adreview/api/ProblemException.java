package com.adreview.api;

import java.util.List;

/** Ends a request with a problem response; thrown by resources and services, mapped in one place. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;
    private final long retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        this(status, type, title, detail, errors, 0);
    }

    private ProblemException(
            int status, String type, String title, String detail, List<FieldError> errors, long retryAfterSeconds) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: the request is malformed; every bad field is named. */
    public static ProblemException invalid(String title, List<FieldError> errors) {
        return new ProblemException(
                400, "urn:adreview:problem:invalid-request", title, errors.size() + " field(s) are invalid", errors);
    }

    /** 400 about one query parameter or field. */
    public static ProblemException invalidField(String field, String message) {
        return invalid("The request is invalid", List.of(new FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "urn:adreview:problem:not-found", "Not found", what, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "urn:adreview:problem:conflict", "Conflict", detail, List.of());
    }

    /** 409 that will clear by itself: retry after the given seconds. */
    public static ProblemException conflictRetryAfter(String detail, long retryAfterSeconds) {
        return new ProblemException(
                409, "urn:adreview:problem:conflict", "Conflict", detail, List.of(), retryAfterSeconds);
    }

    /** 401: no credentials, or credentials that are not valid (unknown or revoked key, wrong password). */
    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(401, "urn:adreview:problem:unauthenticated", "Not signed in", detail, List.of());
    }

    /** 403: signed in, but not in a role the operation admits. */
    public static ProblemException forbidden(String detail, List<FieldError> errors) {
        return new ProblemException(403, "urn:adreview:problem:forbidden", "Forbidden", detail, errors);
    }

    /** 422: the request is well-formed but cannot be taken (an Idempotency-Key reused with another body). */
    public static ProblemException unprocessable(String detail, List<FieldError> errors) {
        return new ProblemException(422, "urn:adreview:problem:unprocessable", "Unprocessable request", detail, errors);
    }

    /** 429 with the seconds to wait before trying again ({@code Retry-After}). */
    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(
                429, "urn:adreview:problem:rate-limited", "Too many requests", detail, List.of(), retryAfterSeconds);
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "urn:adreview:problem:unavailable", "Service unavailable", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Seconds a client should wait before retrying; 0 when the answer says nothing about it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
