package com.adreview.webhook;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a subscriber may be reached: public addresses only, unless the configuration allow-lists an
 * internal subscriber by host name ({@code adreview.webhook.allowed-hosts}) or by network
 * ({@code adreview.webhook.allowed-networks}). Without this a registered URL makes the service a proxy
 * into its own network: the cloud metadata service, its own and its neighbours' loopback ports, the
 * private network.
 *
 * <p>A name is judged by every address it resolves to, when it is registered and again before every
 * delivery, and the delivery connects to an address this check returned (see {@link WebhookSender}), so
 * a name that resolved to a public address at registration and to an internal one later (DNS
 * rebinding) reaches nothing.
 */
@ApplicationScoped
public class SubscriberAddresses {

    /** The system resolver, as the connection would use it; a seam for tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** Why a subscriber may not be reached at its URL, in the coarse classes a delivery log shows. */
    enum Refusal {
        INVALID_URL,
        DNS,
        BLOCKED_ADDRESS
    }

    /** A refused URL: the class, and a message that completes "url …" for the operator registering it. */
    static final class Refused extends Exception {
        private final Refusal refusal;

        Refused(Refusal refusal, String message) {
            super(message);
            this.refusal = refusal;
        }

        Refusal refusal() {
            return refusal;
        }
    }

    /** A URL with the addresses it may be reached at, every one of them checked. */
    record Target(WebhookUrl url, List<InetAddress> addresses) {}

    private final Set<String> allowedHosts;
    private final List<NetworkRange> allowedNetworks;
    private final Resolver resolver;

    @Inject
    public SubscriberAddresses(WebhookConfig config) {
        this(
                config.allowedHosts().orElse(List.of()),
                config.allowedNetworks().orElse(List.of()),
                InetAddress::getAllByName);
    }

    SubscriberAddresses(Collection<String> allowedHosts, Collection<String> allowedNetworks, Resolver resolver) {
        this.allowedHosts = allowedHosts.stream()
                .map(String::strip)
                .filter(h -> !h.isEmpty())
                .map(SubscriberAddresses::canonicalHost)
                .collect(Collectors.toUnmodifiableSet());
        this.allowedNetworks = allowedNetworks.stream()
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .map(SubscriberAddresses::network)
                .toList();
        this.resolver = resolver;
    }

    /** Created at start-up, so that an allow-list that does not parse stops the service there. */
    void onStart(@Observes StartupEvent event) {
        // nothing more: the constructor has read the configuration
    }

    private static String canonicalHost(String host) {
        try {
            WebhookUrl url = WebhookUrl.parse("http://" + host + "/");
            if (url.literal() != null) {
                throw new IllegalStateException("adreview.webhook.allowed-hosts: '" + host
                        + "' is an address; list addresses in adreview.webhook.allowed-networks");
            }
            return url.host();
        } catch (WebhookUrl.Invalid e) {
            throw new IllegalStateException("adreview.webhook.allowed-hosts: '" + host + "' is not a host name", e);
        }
    }

    private static NetworkRange network(String cidr) {
        try {
            return NetworkRange.parse(cidr);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("adreview.webhook.allowed-networks: " + e.getMessage(), e);
        }
    }

    /**
     * Parses the URL, resolves its host and checks every address: all of them must be public, in an
     * allowed network, or belong to an allowed host name.
     */
    Target check(String url) throws Refused {
        WebhookUrl parsed;
        try {
            parsed = WebhookUrl.parse(url);
        } catch (WebhookUrl.Invalid e) {
            throw new Refused(Refusal.INVALID_URL, e.getMessage());
        }
        List<InetAddress> addresses = parsed.literal() != null ? List.of(parsed.literal()) : resolve(parsed.host());
        boolean allowedName = parsed.literal() == null && allowedHosts.contains(parsed.host());
        for (InetAddress address : addresses) {
            if (allowedName || allowedNetworks.stream().anyMatch(n -> n.contains(address))) {
                continue;
            }
            Optional<String> kind = PublicAddresses.notPublic(address);
            if (kind.isPresent()) {
                String what = parsed.literal() != null ? "is" : "resolves to";
                throw new Refused(
                        Refusal.BLOCKED_ADDRESS,
                        "must reach a public address, but its host " + what + " a " + kind.get()
                                + " address (internal subscribers are allowed by configuration:"
                                + " adreview.webhook.allowed-hosts, adreview.webhook.allowed-networks)");
            }
        }
        return new Target(parsed, addresses);
    }

    private List<InetAddress> resolve(String host) throws Refused {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            addresses = null;
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused(Refusal.DNS, "must have a host name that resolves");
        }
        return List.of(addresses);
    }
}
