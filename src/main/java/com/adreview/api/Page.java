package com.adreview.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, newest first, with the cursor of the next page when there is one. */
@Schema(description = "A page of results, newest first.")
public record Page<T>(
        @Schema(description = "The items of this page.") List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page.") String next) {}
