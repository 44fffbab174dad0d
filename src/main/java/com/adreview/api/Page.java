package com.adreview.api;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list, newest first, with the cursor of the next page when there is one. */
// No class-level @Schema: it would add a raw "Page" schema beside every PageXxx the lists use.
public record Page<T>(
        @Schema(description = "The items of this page.") List<T> items,
        @Schema(description = "Pass as `cursor` to get the next page; absent on the last page.") String next) {

    /**
     * The page for rows read with one more than the page size: that extra row, when present, only
     * says another page follows, and the cursor points after the last row shown.
     *
     * @param at the time a row is ordered by (newest first)
     * @param id the row's id, the tie-breaker
     */
    public static <D, V> Page<V> of(
            List<D> rows, PageRequest page, Function<D, Instant> at, Function<D, String> id, Function<D, V> view) {
        List<D> shown = rows.size() > page.limit() ? rows.subList(0, page.limit()) : rows;
        String next = null;
        if (rows.size() > page.limit()) {
            D last = shown.get(shown.size() - 1);
            next = PageRequest.cursorAfter(at.apply(last), id.apply(last));
        }
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
