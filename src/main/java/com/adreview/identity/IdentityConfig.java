package com.adreview.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How identifiers are held and accounts linked. */
@ConfigMapping(prefix = "adreview.identity")
public interface IdentityConfig {

    /**
     * The most accounts one entity may join through confirmed links (followed breadth-first): a chain
     * of links longer than a business could honestly have stops here, and finding an entity stays a
     * bounded number of index lookups.
     */
    @WithDefault("100")
    int maxLinkedAccounts();
}
