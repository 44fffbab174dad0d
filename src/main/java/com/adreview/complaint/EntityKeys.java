package com.adreview.complaint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The identifiers of one advertising entity: every credit code, product domain, advertiser account
 * and app id seen together in its submissions. A complaint naming any of them is the entity's.
 */
@Schema(description = "Identifiers of one advertising entity.")
public record EntityKeys(
        @Schema(description = "Unified Social Credit Codes.") Set<String> creditCodes,
        @Schema(description = "Product domains.") Set<String> domains,
        @Schema(description = "Advertiser accounts.") Set<String> accounts,
        @Schema(description = "App ids.") Set<String> appIds) {

    public EntityKeys {
        creditCodes = Set.copyOf(creditCodes);
        domains = Set.copyOf(domains);
        accounts = Set.copyOf(accounts);
        appIds = Set.copyOf(appIds);
    }

    @JsonIgnore
    public int size() {
        return creditCodes.size() + domains.size() + accounts.size() + appIds.size();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return size() == 0;
    }
}
