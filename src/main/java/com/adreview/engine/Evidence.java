package com.adreview.engine;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What triggered a finding: a field of the package, the text as it appears in the raw input, and,
 * for text, its character offsets there ({@code rawValue.substring(start, end).equals(text)}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What triggered a finding, quoted from the package as submitted.")
public record Evidence(
        @Schema(description = "Path of the field in the package.", example = "creative.body") String field,
        @Schema(description = "The triggering text exactly as submitted (disguises included).", example = "保本")
                String text,
        @Schema(
                        description =
                                "Start offset (UTF-16 code units) of `text` in the raw field value; absent for non-text values.")
                Integer start,
        @Schema(description = "End offset (exclusive) of `text` in the raw field value.") Integer end) {

    /** Evidence quoting a whole field value. */
    public static Evidence wholeField(String field, String value) {
        return new Evidence(field, value, 0, value.length());
    }

    /** Evidence about a value that is not text (money, a list), so offsets do not apply. */
    public static Evidence value(String field, String rendered) {
        return new Evidence(field, rendered, null, null);
    }
}
