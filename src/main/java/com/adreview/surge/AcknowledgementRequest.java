package com.adreview.surge;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A person acknowledging an alert: they have seen it and decide what to do. */
@Schema(name = "AcknowledgementRequest", description = "Acknowledge an alert, optionally with a note.")
public record AcknowledgementRequest(
        @Schema(description = "What was decided or why.", example = "Watching; suspension discussed with legal.")
                @Size(max = 2000)
                String note) {}
