package com.adreview.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses are public: the one table of the ranges a subscriber may not be reached in (RFC 6890
 * special-purpose registries, roughly "not globally reachable"), with why. IPv6 forms that carry an
 * IPv4 address (mapped, NAT64, 6to4) are judged by the IPv4 address they lead to.
 */
final class PublicAddresses {

    private PublicAddresses() {}

    private record Rule(NetworkRange range, String kind) {
        Rule(String cidr, String kind) {
            this(NetworkRange.parse(cidr), kind);
        }
    }

    private static final List<Rule> IPV4 = List.of(
            new Rule("0.0.0.0/8", "unspecified"),
            new Rule("10.0.0.0/8", "private"),
            new Rule("100.64.0.0/10", "shared (carrier-grade NAT)"),
            new Rule("127.0.0.0/8", "loopback"),
            new Rule("169.254.0.0/16", "link-local"),
            new Rule("172.16.0.0/12", "private"),
            new Rule("192.0.0.0/24", "special-purpose"),
            new Rule("192.0.2.0/24", "documentation"),
            new Rule("192.88.99.0/24", "special-purpose"),
            new Rule("192.168.0.0/16", "private"),
            new Rule("198.18.0.0/15", "benchmarking"),
            new Rule("198.51.100.0/24", "documentation"),
            new Rule("203.0.113.0/24", "documentation"),
            new Rule("224.0.0.0/4", "multicast"),
            new Rule("240.0.0.0/4", "reserved or broadcast"));

    private static final List<Rule> IPV6 = List.of(
            // ::/128 (unspecified), ::1/128 (loopback) and the deprecated IPv4-compatible ::a.b.c.d.
            new Rule("::/96", "unspecified, loopback or IPv4-compatible"),
            new Rule("::ffff:0:0:0/96", "IPv4-translated"),
            new Rule("64:ff9b:1::/48", "local-use NAT64"),
            new Rule("100::/64", "discard-only"),
            new Rule("2001::/32", "Teredo tunnel"),
            new Rule("2001:db8::/32", "documentation"),
            new Rule("fc00::/7", "unique-local"),
            new Rule("fe80::/10", "link-local"),
            new Rule("fec0::/10", "site-local"),
            new Rule("ff00::/8", "multicast"));

    /** IPv6 prefixes whose address leads to an IPv4 address, and where in the address that sits. */
    private record Embedding(NetworkRange range, int offset) {}

    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0};

    private static final List<Embedding> EMBEDDED_IPV4 = List.of(
            new Embedding(new NetworkRange(MAPPED_PREFIX, 96), 12), // IPv4-mapped
            new Embedding(NetworkRange.parse("64:ff9b::/96"), 12), // NAT64, well-known prefix
            new Embedding(NetworkRange.parse("2002::/16"), 2)); // 6to4

    /** Why the address is not public ("loopback", "private", …), or empty when it is. */
    static Optional<String> notPublic(InetAddress address) {
        return notPublic(address.getAddress());
    }

    static Optional<String> notPublic(byte[] address) {
        if (address.length == 4) {
            return IPV4.stream()
                    .filter(r -> r.range().contains(address))
                    .map(Rule::kind)
                    .findFirst();
        }
        for (Embedding e : EMBEDDED_IPV4) {
            if (e.range().contains(address)) {
                return notPublic(Arrays.copyOfRange(address, e.offset(), e.offset() + 4));
            }
        }
        return IPV6.stream()
                .filter(r -> r.range().contains(address))
                .map(Rule::kind)
                .findFirst();
    }
}
