package com.adreview.submission;

import com.adreview.api.Problem;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What became of each package of a batch, in the batch's order. */
@Schema(name = "SubmissionBatch", description = "One answer per package of the batch, in its order.")
public record BatchView(
        @Schema(description = "Packages stored (each with its decision).") int stored,
        @Schema(description = "Packages refused (each with its problem); nothing of them was stored.") int refused,
        @Schema(description = "One answer per package, in the batch's order.") List<Item> items) {

    /** One package's answer: the stored submission (status 201), or the problem that refused it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SubmissionBatchItem")
    public record Item(
            @Schema(description = "The package's place in the batch's items, from 0.") int index,
            @Schema(description = "The status this package alone would have had: 201, or the problem's.") int status,
            @Schema(description = "The stored submission, when the package was stored.") SubmissionView submission,
            @Schema(description = "Why the package was refused; its fields are named within the package.")
                    Problem problem) {}

    static BatchView of(List<Item> items) {
        int stored = (int) items.stream().filter(i -> i.submission() != null).count();
        return new BatchView(stored, items.size() - stored, items);
    }
}
