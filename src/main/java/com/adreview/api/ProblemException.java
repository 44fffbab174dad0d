package com.adreview.api;

import java.util.List;

/** Ends a request with a problem response; thrown by resources and services, mapped in one place. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final transient List<FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
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
}
