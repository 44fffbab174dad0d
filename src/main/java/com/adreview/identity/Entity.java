package com.adreview.identity;

import com.adreview.complaint.EntityKeys;
import com.adreview.engine.IdentityConflict;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An advertising entity as the complaint record sees it: an account, the accounts joined to it by
 * confirmed links, and every identifier those accounts hold. A complaint against any of them counts
 * against every ad of every one of these accounts.
 *
 * @param account the account the entity was asked for
 * @param accounts that account and every account linked to it
 * @param held every identifier the accounts hold, with its holder
 */
public record Entity(String account, Set<String> accounts, Map<Identifier, String> held) {

    public Entity {
        accounts = Set.copyOf(accounts);
        held = Map.copyOf(held);
    }

    /** The identifiers complaints are looked up by: the accounts and what they hold. */
    public EntityKeys keys() {
        Set<String> codes = new HashSet<>();
        Set<String> domains = new HashSet<>();
        Set<String> apps = new HashSet<>();
        for (Identifier id : held.keySet()) {
            switch (id.kind()) {
                case CREDIT_CODE -> codes.add(id.value());
                case DOMAIN -> domains.add(id.value());
                case APP_ID -> apps.add(id.value());
            }
        }
        return new EntityKeys(codes, domains, accounts, apps);
    }

    /**
     * The identifiers among {@code named} that an account outside this entity holds: a package of the
     * entity naming them borrows no record from their holders, and lends them none.
     *
     * @param holders the holder of each named identifier (as {@link IdentityService#holdersOf} gives them)
     */
    public List<IdentityConflict> conflicts(Collection<Identifier> named, Map<Identifier, String> holders) {
        List<IdentityConflict> out = new ArrayList<>();
        for (Identifier id : named) {
            String holder = holders.get(id);
            if (holder != null && !accounts.contains(holder)) {
                out.add(new IdentityConflict(id.kind(), id.value(), holder));
            }
        }
        return out;
    }
}
