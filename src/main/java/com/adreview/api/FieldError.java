package com.adreview.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One bad field of a request, by its path in the request ({@code advertiser.creditCode}, {@code icp.domains[2]}). */
@Schema(description = "A field of the request that is wrong, and why.")
public record FieldError(
        @Schema(description = "Path of the field in the request.", example = "advertiser.registeredCapital.amount")
                String field,
        @Schema(description = "What is wrong with it.", example = "must be greater than or equal to 0")
                String message) {}
