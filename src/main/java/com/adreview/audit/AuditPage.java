package com.adreview.audit;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the trail and where to continue. */
@Schema(name = "AuditPage", description = "Entries of the trail, in trail order.")
public record AuditPage(
        @Schema(description = "The entries, in trail order.") List<AuditEntryView> items,
        @Schema(description = "Pass as `after` for the next page; absent on the last.") Long next) {}
