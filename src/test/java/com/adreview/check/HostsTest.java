package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostsTest {

    @Test
    void hostOfReadsAbsoluteUrls() {
        assertThat(Hosts.hostOf("https://WWW.Example.CN./a?b")).isEqualTo("www.example.cn");
        assertThat(Hosts.hostOf("http://example.cn:8080")).isEqualTo("example.cn");
        assertThat(Hosts.hostOf("https://中国银行.cn/")).isEqualTo("xn--fiqs8s856bruk.cn");
        assertThat(Hosts.hostOf("https://user@中国银行.cn:8443/x")).isEqualTo("xn--fiqs8s856bruk.cn");
        // An internationalised host is converted whatever ASCII it also holds: none, a hyphen, a digit.
        assertThat(Hosts.hostOf("https://中国银行/")).isEqualTo("xn--fiqs8s856bruk");
        assertThat(Hosts.hostOf("https://银行-1.cn/")).isEqualTo("xn---1-1e9fh64b.cn");
        assertThat(Hosts.hostOf("https://bücher-9.de/")).isEqualTo("xn--bcher-9-n2a.de");
        assertThat(Hosts.hostOf("not a url")).isEmpty();
        assertThat(Hosts.hostOf("")).isEmpty();
        assertThat(Hosts.hostOf(null)).isEmpty();
        // Whitespace inside the authority is no host at all, not a host to canonicalise (issue 21, gap 9).
        assertThat(Hosts.hostOf("https://exa mple.cn/")).isEmpty();
        assertThat(Hosts.hostOf("https://example.cn\t/")).isEmpty();
        assertThat(Hosts.hostOf("https://\u3000example.cn/")).isEmpty();
    }

    @Test
    void aUrlWithoutASchemeOrAHostHasNoHost() {
        assertThat(Hosts.hostOf("://example.cn/")).isEmpty();
        assertThat(Hosts.hostOf("1http://example.cn/")).isEmpty();
        assertThat(Hosts.hostOf("ht_tp://example.cn/")).isEmpty();
        assertThat(Hosts.hostOf("http://:8080/")).isEmpty();
        assertThat(Hosts.hostOf("web+app://example.cn/")).isEqualTo("example.cn");
        assertThat(Hosts.canonicalDomain("/example.cn")).isEmpty();
    }

    @Test
    void anIpv6LiteralKeepsItsBracketsAndLosesItsPort() {
        assertThat(Hosts.hostOf("http://[::1]/")).isEqualTo("[::1]");
        assertThat(Hosts.hostOf("http://[::1]:8080/")).isEqualTo("[::1]");
        assertThat(Hosts.hostOf("https://user@[2001:DB8::1]:443/x")).isEqualTo("[2001:db8::1]");
    }

    @Test
    void aHostIsCoveredByItsDomainAndItsParents() {
        List<String> domains = List.of("hengyuan-p2p.cn");
        assertThat(Hosts.isCoveredBy("hengyuan-p2p.cn", domains)).isTrue();
        assertThat(Hosts.isCoveredBy("www.hengyuan-p2p.cn", domains)).isTrue();
        assertThat(Hosts.isCoveredBy("a.b.hengyuan-p2p.cn", domains)).isTrue();
    }

    @Test
    void aSharedSuffixIsNotASubdomain() {
        assertThat(Hosts.isCoveredBy("evilhengyuan-p2p.cn", List.of("hengyuan-p2p.cn")))
                .isFalse();
        assertThat(Hosts.isCoveredBy("hengyuan-p2p.cn.evil.top", List.of("hengyuan-p2p.cn")))
                .isFalse();
        assertThat(Hosts.isCoveredBy("", List.of("hengyuan-p2p.cn"))).isFalse();
        assertThat(Hosts.isCoveredBy("example.cn", List.of())).isFalse();
        assertThat(Hosts.isCoveredBy("xample.cn", List.of("example.cn"))).isFalse();
    }

    @Test
    void aHostIsCoveredExactlyWhenItEndsWithDotAndTheDomain() {
        List<String> hosts = List.of(
                "example.cn",
                ".example.cn",
                "www.example.cn",
                "wwwexample.cn",
                "example.cn.",
                "cn",
                "",
                "a.b.example.cn");
        for (String host : hosts) {
            for (String domain : List.of("example.cn", "cn", "b.example.cn", "example.cn/x", " example.cn ")) {
                String canonicalHost = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
                String d = Hosts.canonicalDomain(domain);
                boolean expected = !canonicalHost.isEmpty()
                        && !d.isEmpty()
                        && (canonicalHost.equals(d) || canonicalHost.endsWith("." + d));
                assertThat(Hosts.isCoveredBy(host, List.of(domain)))
                        .as("%s under %s", host, domain)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void listedDomainsAreReadLeniently() {
        assertThat(Hosts.isCoveredBy("www.example.cn", List.of("https://Example.CN/")))
                .isTrue();
        assertThat(Hosts.isCoveredBy("www.example.cn", List.of("example.cn."))).isTrue();
        assertThat(Hosts.isCoveredBy("www.example.cn", List.of("  ", "example.cn/path")))
                .isTrue();
    }
}
