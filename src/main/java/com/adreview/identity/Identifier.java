package com.adreview.identity;

import com.adreview.check.Hosts;
import com.adreview.engine.AdPackage;
import com.adreview.engine.IdentifierKind;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An identifier an advertiser account can hold, in the one form it is keyed by: credit codes upper
 * case, domains canonical (lower case, ASCII, no scheme, path or trailing dot), app ids as given
 * without surrounding white space. Complaints name their subjects in the same forms.
 */
public record Identifier(IdentifierKind kind, String value) {

    public Identifier {
        if (kind == null || value == null || value.isEmpty()) {
            throw new IllegalArgumentException("an identifier needs a kind and a value");
        }
    }

    /** The identifier of the kind, normalised; empty when nothing is left of the raw value. */
    public static Optional<Identifier> of(IdentifierKind kind, String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String value =
                switch (kind) {
                    case CREDIT_CODE -> raw.strip().toUpperCase(Locale.ROOT);
                    case DOMAIN -> Hosts.canonicalDomain(raw);
                    case APP_ID -> raw.strip();
                };
        return value.isEmpty() ? Optional.empty() : Optional.of(new Identifier(kind, value));
    }

    /**
     * Every identifier the package names: its credit code, product domain, ICP domains and app id. These
     * are what its account claims by submitting it.
     */
    public static Set<Identifier> namedBy(AdPackage ad) {
        Set<Identifier> out = new LinkedHashSet<>();
        of(IdentifierKind.CREDIT_CODE, ad.advertiser().creditCode()).ifPresent(out::add);
        if (ad.product() != null) {
            of(IdentifierKind.DOMAIN, ad.product().domain()).ifPresent(out::add);
        }
        if (ad.icp() != null) {
            ad.icp().domains().forEach(d -> of(IdentifierKind.DOMAIN, d).ifPresent(out::add));
        }
        if (ad.product() != null) {
            of(IdentifierKind.APP_ID, ad.product().appId()).ifPresent(out::add);
        }
        return out;
    }

    /** The stored key: kind and value, e.g. {@code CREDIT_CODE:91110108558521630L}. */
    public String key() {
        return kind.name() + ":" + value;
    }

    /** The identifier a stored key names. */
    public static Identifier fromKey(String key) {
        int colon = key.indexOf(':');
        return new Identifier(IdentifierKind.valueOf(key.substring(0, colon)), key.substring(colon + 1));
    }
}
