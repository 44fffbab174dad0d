package com.adreview.check;

import java.net.IDN;
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
        String u = url.strip();
        int scheme = u.indexOf("://");
        if (scheme <= 0 || !isScheme(u, scheme)) {
            return "";
        }
        int start = scheme + 3;
        int end = start;
        while (end < u.length() && "/?#".indexOf(u.charAt(end)) < 0) {
            end++;
        }
        // The authority is [userinfo@]host[:port]; IPv6 literals keep their brackets and colons.
        String authority = u.substring(start, end);
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close > 0 && host.startsWith(":", close + 1)) {
                host = host.substring(0, close + 1); // "[::1]:8080": the port follows the bracket
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (host.isBlank() || containsWhitespace(host)) {
            return "";
        }
        return canonical(host);
    }

    private static boolean isScheme(String u, int end) {
        for (int i = 0; i < end; i++) {
            char c = u.charAt(i);
            boolean ok = Character.isLetter(c) || (i > 0 && (Character.isDigit(c) || c == '+' || c == '-' || c == '.'));
            if (!ok || c > 127) {
                return false;
            }
        }
        return true;
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
        if (entry.contains("://")) {
            return hostOf(entry);
        }
        int slash = entry.indexOf('/');
        return canonical(slash < 0 ? entry : entry.substring(0, slash));
    }

    /** Whether the host is one of the domains or a subdomain of one (label-wise, not by suffix). */
    public static boolean isCoveredBy(String host, Collection<String> domains) {
        String h = canonical(host);
        if (h.isEmpty()) {
            return false;
        }
        for (String d : domains) {
            String domain = canonicalDomain(d);
            if (!domain.isEmpty() && (h.equals(domain) || isSubdomain(h, domain))) {
                return true;
            }
        }
        return false;
    }

    /** {@code host} ends with "." + {@code domain}; checked in place, since every decision asks. */
    private static boolean isSubdomain(String host, String domain) {
        int dot = host.length() - domain.length() - 1;
        return dot >= 0 && host.charAt(dot) == '.' && host.endsWith(domain);
    }

    private static boolean containsWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
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
