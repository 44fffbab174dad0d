package com.adreview.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}); a bare address is one host. */
record NetworkRange(byte[] network, int prefix) {

    /**
     * Parses a range written with numeric addresses only (no name is ever resolved here).
     *
     * @throws IllegalArgumentException naming the text when it is not a network
     */
    static NetworkRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IP address or a network in CIDR notation");
        }
        // InetAddress reads an IPv4-mapped IPv6 address (::ffff:a.b.c.d) as the IPv4 address it maps.
        int mapped = bytes.length == 4 && address.indexOf(':') >= 0 ? 96 : 0;
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1)) - mapped;
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + cidr + "' has no valid prefix length");
            }
        }
        return new NetworkRange(bytes, prefix);
    }

    /** The bytes of a numeric IPv4 (dotted quad) or IPv6 address, or null: never a name lookup. */
    private static byte[] literal(String address) {
        boolean v6 = address.indexOf(':') >= 0;
        String allowed = v6 ? "0123456789abcdefABCDEF:." : "0123456789.";
        if (address.isEmpty() || !address.chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
            return null;
        }
        if (!v6 && address.split("\\.", -1).length != 4) {
            return null;
        }
        try {
            // Only digits, dots and colons: InetAddress parses it as a literal and never asks a resolver.
            return InetAddress.getByName(v6 ? "[" + address + "]" : address).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }
}
