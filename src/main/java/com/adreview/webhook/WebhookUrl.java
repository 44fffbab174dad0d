package com.adreview.webhook;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A subscriber's URL taken apart the way it will be used: an http(s) URL without credentials, its host
 * either a name in canonical form (lower case, ASCII, no trailing dot) or a numeric address.
 *
 * <p>A numeric IPv4 host is read as the C library's {@code inet_aton} reads it, which is what curl,
 * browsers and {@code getaddrinfo} do: {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1} and
 * {@code 127.1} are all 127.0.0.1. (Java reads {@code 0177.0.0.1} as 177.0.0.1 and refuses the hex
 * forms, so it must not be the judge of what another client would reach.) A host whose last label is
 * numeric is never a DNS name, so one that is not a valid address in those forms is refused rather than
 * handed to a resolver to interpret.
 *
 * @param host the name, or the address in standard text form (IPv6 without brackets)
 * @param literal the address when the host is numeric; null for a name, which is resolved when used
 * @param target the path and query sent in the request line
 */
record WebhookUrl(String scheme, String host, InetAddress literal, int port, String target) {

    /** Why a URL is not one a subscriber may have; the message completes "url …". */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern LABEL = Pattern.compile("[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

    boolean https() {
        return scheme.equals("https");
    }

    /** The host as written in a URL or a Host header: an IPv6 address in brackets. */
    String authorityHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    static WebhookUrl parse(String url) throws Invalid {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new Invalid("must be a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Invalid("must be an http or https URL");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new Invalid("must name a host");
        }
        if (authority.indexOf('@') >= 0) {
            throw new Invalid("must not contain credentials (user:password@)");
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new Invalid("must name a host");
            }
            host = authority.substring(1, close);
            String rest = authority.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new Invalid("must name a host");
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? "" : authority.substring(colon + 1);
        }
        int portNumber = port(port, scheme);
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        if (authority.startsWith("[")) {
            InetAddress v6 = ipv6(host);
            return new WebhookUrl(scheme, v6.getHostAddress(), v6, portNumber, target);
        }
        String name = name(host);
        String[] labels = name.split("\\.", -1);
        if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
            InetAddress v4 = inetAton(labels);
            return new WebhookUrl(scheme, v4.getHostAddress(), v4, portNumber, target);
        }
        return new WebhookUrl(scheme, name, null, portNumber, target);
    }

    private static int port(String port, String scheme) throws Invalid {
        if (port.isEmpty()) {
            return scheme.equals("https") ? 443 : 80;
        }
        if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Invalid("must have a port from 1 to 65535");
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
            throw new Invalid("must have a port from 1 to 65535");
        }
        return p;
    }

    private static InetAddress ipv6(String text) throws Invalid {
        // No zone ids (fe80::1%eth0) and no IPvFuture: hex digits, colons and an embedded dotted quad only,
        // which InetAddress parses as a literal without asking any resolver.
        if (text.isEmpty() || !text.chars().allMatch(c -> "0123456789abcdefABCDEF:.".indexOf(c) >= 0)) {
            throw new Invalid("must have a valid IPv6 address in brackets");
        }
        try {
            return InetAddress.getByName("[" + text + "]");
        } catch (UnknownHostException e) {
            throw new Invalid("must have a valid IPv6 address in brackets");
        }
    }

    private static String name(String host) throws Invalid {
        if (host.indexOf('%') >= 0) {
            throw new Invalid("must not percent-encode its host");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Invalid("must have a valid host name");
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1); // the root: example.com. is example.com
        }
        if (ascii.isEmpty() || ascii.length() > 253) {
            throw new Invalid("must have a valid host name");
        }
        for (String label : ascii.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                throw new Invalid("must have a valid host name");
            }
        }
        return ascii;
    }

    /**
     * An IPv4 address in any form inet_aton takes: one to four parts, each decimal, octal (leading 0) or
     * hexadecimal (0x); the last part fills the bits the earlier ones leave.
     */
    private static InetAddress inetAton(String[] parts) throws Invalid {
        if (parts.length > 4) {
            throw new Invalid("must have a valid IPv4 address");
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = number(parts[i]);
            long max = i < parts.length - 1 ? 0xffL : 0xffffffffL >>> (8 * (parts.length - 1));
            if (values[i] < 0 || values[i] > max) {
                throw new Invalid("must have a valid IPv4 address");
            }
        }
        long address = values[parts.length - 1];
        for (int i = 0; i < parts.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Inet4Address.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    /** One part of an inet_aton address, or -1 when it is none. */
    private static long number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
            if (digits.isEmpty()) {
                return 0; // inet_aton reads a bare "0x" as zero
            }
        } else if (part.length() > 1 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty() || digits.length() > 11) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
