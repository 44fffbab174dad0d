package com.adreview.identity;

import com.adreview.engine.IdentifierKind;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Who holds an identifier, since when and how. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "IdentifierHolding", description = "Who holds an identifier, since when, and who held it before.")
public record HoldingView(
        @Schema(description = "CREDIT_CODE, DOMAIN or APP_ID.") IdentifierKind kind,
        @Schema(description = "The identifier, normalised (credit codes upper case, domains canonical).")
                String identifier,
        @Schema(description = "The account holding it.", example = "acct-10086") String holder,
        @Schema(description = "Since when.") Instant since,
        @Schema(
                        description =
                                "FIRST_NAMED (its first submission named it), ASSIGNED (an operator), RECOMPUTED (from"
                                        + " the submissions stored before identifiers were held).")
                String how,
        @Schema(description = "Who: the gateway whose submission named it first, or the operator.") String by,
        @Schema(description = "The operator's reason, for an assignment.") String reason,
        @Schema(description = "Earlier holders, oldest first.") List<Previous> history) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "IdentifierHoldingBefore", description = "An earlier holder.")
    public record Previous(
            @Schema(description = "The account.") String holder,
            @Schema(description = "From.") Instant since,
            @Schema(description = "Until.") Instant until,
            @Schema(description = "How it came to hold it.") String how,
            @Schema(description = "Who gave it.") String by,
            @Schema(description = "Why.") String reason) {}
}
