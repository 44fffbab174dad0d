package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adreview.webhook.SubscriberAddresses.Refusal;
import com.adreview.webhook.SubscriberAddresses.Refused;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which URLs a subscriber may have: public addresses only, in every spelling, unless allow-listed. */
class SubscriberAddressesTest {

    /** DNS as the tests need it: names to addresses, every question recorded. */
    private static final class FakeDns implements SubscriberAddresses.Resolver {
        private final Map<String, List<String>> answers;
        final List<String> asked = new ArrayList<>();

        FakeDns(Map<String, List<String>> answers) {
            this.answers = answers;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            asked.add(host);
            List<String> a = answers.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] out = new InetAddress[a.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = InetAddress.getByAddress(
                        host, InetAddress.getByName(a.get(i)).getAddress());
            }
            return out;
        }
    }

    private final FakeDns dns = new FakeDns(Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "v6.example.com", List.of("2606:2800:220:1:248:1893:25c8:1946"),
            "localhost", List.of("127.0.0.1", "::1"),
            "metadata.example.com", List.of("169.254.169.254"),
            "mixed.example.com", List.of("93.184.216.34", "10.0.0.7"),
            "mapped.example.com", List.of("::ffff:a9fe:a9fe"),
            "internal.example.com", List.of("10.1.2.3"),
            "other.example.com", List.of("10.1.9.9"),
            "xn--fsqu00a.xn--0zwm56d", List.of("93.184.216.34")));

    private SubscriberAddresses none() {
        return new SubscriberAddresses(List.of(), List.of(), dns);
    }

    private static Refusal refusal(SubscriberAddresses addresses, String url) {
        try {
            addresses.check(url);
            return null;
        } catch (Refused e) {
            return e.refusal();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "http://2130706433/, 127.0.0.1",
        "http://0x7f.1/, 127.0.0.1",
        "http://0x7f000001/, 127.0.0.1",
        "http://0X7F.0.0.1/, 127.0.0.1",
        "http://0177.0.0.1/, 127.0.0.1",
        "http://0177.1/, 127.0.0.1",
        "http://127.1/, 127.0.0.1",
        "http://127.0.1/, 127.0.0.1",
        "http://127.0.0.1./, 127.0.0.1",
        "http://0/, 0.0.0.0",
        "http://0x/, 0.0.0.0",
        "http://3232235777/, 192.168.1.1",
        "http://10.65535/, 10.0.255.255",
        "http://169.254.43518/, 169.254.169.254",
        "http://0251.0376.0251.0376/, 169.254.169.254",
        "http://[::ffff:169.254.169.254]/, 169.254.169.254",
        "http://8.8.8.8:8443/, 8.8.8.8"
    })
    void numericHostsAreReadAsTheCLibraryReadsThem(String url, String address) throws Exception {
        WebhookUrl parsed = WebhookUrl.parse(url);
        assertThat(parsed.literal()).isEqualTo(InetAddress.getByName(address));
        assertThat(parsed.host()).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://1.2.3.08/",
                "http://1.2.3.4.5/",
                "http://256.1.1.1/",
                "http://1.2.65536/",
                "http://4294967296/",
                "http://example.123/",
                "http://1..2/",
                "http://[fe80::1%25eth0]/",
                "http://[v1.x]/",
                "http://[127.0.0.1]/",
                "http://%6c%6f%63%61%6c%68%6f%73%74/",
                "http://-bad-.example.com/",
                "http://user:pw@hooks.example.com/",
                "http://user@hooks.example.com/",
                "ftp://hooks.example.com/",
                "javascript:alert(1)",
                "//hooks.example.com/",
                "http://hooks.example.com:0/",
                "http://hooks.example.com:65536/",
                "http://hooks.example.com:8o/",
                "http:///x"
            })
    void whatIsNotAnHttpUrlWithAValidHostIsInvalid(String url) {
        assertThat(refusal(none(), url)).isEqualTo(Refusal.INVALID_URL);
        assertThat(dns.asked).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1/",
                "http://127.255.255.254:9000/",
                "http://localhost/",
                "http://LocalHost./",
                "http://0.0.0.0/",
                "http://[::]/",
                "http://[::1]/",
                "http://[::127.0.0.1]/",
                "http://[::ffff:127.0.0.1]/",
                "http://[::ffff:7f00:1]/",
                "http://[0:0:0:0:0:ffff:a9fe:a9fe]/",
                "http://[::ffff:0:a9fe:a9fe]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://[64:ff9b::10.0.0.1]/",
                "http://[2002:a9fe:a9fe::1]/",
                "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/",
                "http://169.254.169.254/latest/meta-data/",
                "http://metadata.example.com/",
                "http://mapped.example.com/",
                "http://mixed.example.com/",
                "http://10.0.0.1/",
                "http://172.16.0.1/",
                "http://172.31.255.255/",
                "http://192.168.0.1/",
                "http://100.64.0.1/",
                "http://100.127.255.255/",
                "http://[fc00::1]/",
                "http://[fdff:ffff::1]/",
                "http://[fe80::1]/",
                "http://[febf::1]/",
                "http://[fec0::1]/",
                "http://224.0.0.251/",
                "http://239.255.255.250/",
                "http://[ff02::1]/",
                "http://240.0.0.1/",
                "http://255.255.255.255/",
                "http://192.0.2.1/",
                "http://198.18.0.1/"
            })
    void loopbackLinkLocalPrivateAndOtherNonPublicAddressesAreBlocked(String url) {
        assertThat(refusal(none(), url)).as(url).isEqualTo(Refusal.BLOCKED_ADDRESS);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://hooks.example.com/adreview?x=1",
                "http://v6.example.com/",
                "http://93.184.216.34/",
                "http://1.1.1.1:8080/",
                "http://172.32.0.1/",
                "http://100.128.0.1/",
                "http://[2606:2800:220:1:248:1893:25c8:1946]/",
                "http://[::ffff:8.8.8.8]/",
                "http://[64:ff9b::808:808]/",
                "http://[2002:808:808::1]/",
                "http://例子.测试/"
            })
    void publicAddressesAreAllowed(String url) throws Refused {
        assertThat(none().check(url).addresses()).isNotEmpty();
    }

    @Test
    void everyAddressANameResolvesToIsChecked() throws Refused {
        assertThatThrownBy(() -> none().check("http://mixed.example.com/"))
                .isInstanceOf(Refused.class)
                .hasMessageContaining("resolves to a private address");
        assertThat(none().check("http://hooks.example.com/").addresses())
                .extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34");
    }

    @Test
    void theCanonicalNameIsResolvedOnceAndANameThatDoesNotResolveIsRefused() throws Refused {
        SubscriberAddresses addresses = none();

        assertThat(refusal(addresses, "http://nowhere.example.com/")).isEqualTo(Refusal.DNS);
        addresses.check("https://HOOKS.Example.COM./x");
        addresses.check("http://例子.测试/");

        assertThat(dns.asked).containsExactly("nowhere.example.com", "hooks.example.com", "xn--fsqu00a.xn--0zwm56d");
    }

    @Test
    void anAllowedHostNameMayResolveToInternalAddresses() throws Refused {
        SubscriberAddresses addresses = new SubscriberAddresses(List.of(" Internal.Example.com. "), List.of(), dns);

        assertThat(addresses.check("http://internal.example.com:8080/hook").addresses())
                .extracting(InetAddress::getHostAddress)
                .containsExactly("10.1.2.3");
        assertThat(refusal(addresses, "http://other.example.com/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
        assertThat(refusal(addresses, "http://10.1.2.3/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
    }

    @Test
    void anAllowedNetworkAdmitsItsAddressesWhicheverNameOrSpellingLeadsThere() throws Refused {
        SubscriberAddresses addresses =
                new SubscriberAddresses(List.of(), List.of("10.1.0.0/16", "127.0.0.1", "fd00:1::/64"), dns);

        addresses.check("http://internal.example.com/");
        addresses.check("http://other.example.com/");
        addresses.check("http://127.0.0.1:8080/");
        addresses.check("http://2130706433/");
        addresses.check("http://[fd00:1::5]/");
        assertThat(refusal(addresses, "http://10.2.0.1/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
        assertThat(refusal(addresses, "http://127.0.0.2/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
        // localhost is 127.0.0.1 and ::1, and ::1 is not allowed.
        assertThat(refusal(addresses, "http://localhost/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
        assertThat(refusal(addresses, "http://[fd00:2::5]/")).isEqualTo(Refusal.BLOCKED_ADDRESS);
    }

    @Test
    void anAllowListThatDoesNotParseStopsTheServiceNamingTheProperty() {
        for (String network : List.of("10.0.0.0/33", "10.0.0/8", "ten", "10.0.0.0/x", "example.com", "::1/129")) {
            assertThatThrownBy(() -> new SubscriberAddresses(List.of(), List.of(network), dns))
                    .as(network)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("adreview.webhook.allowed-networks");
        }
        for (String host : List.of("127.0.0.1", "bad host", "a@b")) {
            assertThatThrownBy(() -> new SubscriberAddresses(List.of(host), List.of(), dns))
                    .as(host)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("adreview.webhook.allowed-hosts");
        }
    }

    @Test
    void rangesMatchOnTheirPrefixBits() {
        NetworkRange cgnat = NetworkRange.parse("100.64.0.0/10");
        assertThat(cgnat.contains(bytes("100.64.0.0"))).isTrue();
        assertThat(cgnat.contains(bytes("100.127.255.255"))).isTrue();
        assertThat(cgnat.contains(bytes("100.128.0.0"))).isFalse();
        assertThat(cgnat.contains(bytes("100.63.255.255"))).isFalse();
        assertThat(cgnat.contains(bytes("::1"))).isFalse();
        assertThat(NetworkRange.parse("::ffff:10.0.0.0/104").contains(bytes("10.200.0.1")))
                .isTrue();
        assertThat(NetworkRange.parse("0.0.0.0/0").contains(bytes("8.8.8.8"))).isTrue();
    }

    private static byte[] bytes(String address) {
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError(Arrays.toString(e.getStackTrace()));
        }
    }
}
