package com.adreview.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem-details body, with the bad fields of a request when there are any. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (application/problem+json).")
public record Problem(
        @Schema(description = "URI naming the kind of problem.", example = "urn:adreview:problem:invalid-request")
                String type,
        @Schema(
                        description = "Short summary of the kind of problem.",
                        example = "The request is not a valid ad package")
                String title,
        @Schema(description = "HTTP status.", example = "400") int status,
        @Schema(description = "What went wrong in this occurrence.") String detail,
        @Schema(description = "The request path this occurrence is about.", example = "/v1/submissions")
                String instance,
        @Schema(description = "Every bad field, when the request itself is at fault.") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
}
