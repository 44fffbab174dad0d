package com.adreview.complaint;

import java.util.Set;

/**
 * The identifiers of one advertising entity: every credit code, product domain, advertiser account
 * and app id seen together in its submissions. A complaint naming any of them is the entity's.
 */
public record EntityKeys(Set<String> creditCodes, Set<String> domains, Set<String> accounts, Set<String> appIds) {

    public EntityKeys {
        creditCodes = Set.copyOf(creditCodes);
        domains = Set.copyOf(domains);
        accounts = Set.copyOf(accounts);
        appIds = Set.copyOf(appIds);
    }

    public int size() {
        return creditCodes.size() + domains.size() + accounts.size() + appIds.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }
}
