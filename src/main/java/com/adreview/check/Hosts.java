package com.adreview.check;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;

/** Host names of landing pages and the domains an ICP number covers. */
public final class Hosts {

    private Hosts() {}

    /** The host of a URL in canonical form (lower case, ASCII, no trailing dot), or "" if it has none. */
    public static String hostOf(String url) {
        if (url == null || url.isBlank()) {
            return "";
        }
        try {
            URI uri = new URI(url.strip());
            String host = uri.getHost();
            if (host == null && uri.getAuthority() != null) {
                // java.net.URI leaves the host unset for internationalised names; read it off the authority.
                host = uri.getAuthority().replaceFirst("^[^@]*@", "").replaceFirst(":\\d*$", "");
            }
            return host == null || host.isBlank() ? "" : canonical(host);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return "";
        }
    }

    /**
     * A domain as listed by an advertiser, in canonical form. Tolerates an entry pasted as a URL
     * ("https://example.cn/") since the ICP record lists sites, not URLs.
     */
    public static String canonicalDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            return "";
        }
        String entry = domain.strip();
        return entry.contains("://") ? hostOf(entry) : canonical(entry.split("/", 2)[0]);
    }

    /** Whether the host is one of the domains or a subdomain of one (label-wise, not by suffix). */
    public static boolean isCoveredBy(String host, Collection<String> domains) {
        String h = canonical(host);
        if (h.isEmpty()) {
            return false;
        }
        for (String d : domains) {
            String domain = canonicalDomain(d);
            if (!domain.isEmpty() && (h.equals(domain) || h.endsWith("." + domain))) {
                return true;
            }
        }
        return false;
    }

    private static String canonical(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (isPlainAscii(h)) {
            return h;
        }
        try {
            return IDN.toASCII(h, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return h;
        }
    }

    /** Letters, digits, dots and hyphens only: already the ASCII form, IDN has nothing to do. */
    private static boolean isPlainAscii(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
