package com.adreview.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.testing.TestPackages;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdentifierTest {

    @Test
    void aPackageNamesItsCreditCodeDomainsAndAppIdInTheirKeyedForms() {
        var ad = TestPackages.example("01-approved-p2p")
                .with("advertiser.creditCode", " 91110108558521630l ")
                .with("product.domain", "https://WWW.Hengyuan-P2P.cn/path")
                .withList("icp.domains", "hengyuan-p2p.cn", "HENGYUAN.com.")
                .build();

        assertThat(Identifier.namedBy(ad))
                .containsExactly(
                        new Identifier(IdentifierKind.CREDIT_CODE, "91110108558521630L"),
                        new Identifier(IdentifierKind.DOMAIN, "www.hengyuan-p2p.cn"),
                        new Identifier(IdentifierKind.DOMAIN, "hengyuan-p2p.cn"),
                        new Identifier(IdentifierKind.DOMAIN, "hengyuan.com"),
                        new Identifier(IdentifierKind.APP_ID, "com.example.hengyuan-p2p"));
    }

    @Test
    void blankIdentifiersAreNotNamed() {
        var ad = TestPackages.example("01-approved-p2p")
                .with("product.domain", "  ")
                .with("product.appId", "")
                .withList("icp.domains")
                .build();

        assertThat(Identifier.namedBy(ad)).extracting(Identifier::kind).containsExactly(IdentifierKind.CREDIT_CODE);
    }

    @Test
    void keysRoundTrip() {
        Identifier id = new Identifier(IdentifierKind.APP_ID, "com.example:odd");
        assertThat(Identifier.fromKey(id.key())).isEqualTo(id);
    }

    @Test
    void onlyIdentifiersHeldOutsideTheEntityConflict() {
        Identifier own = new Identifier(IdentifierKind.CREDIT_CODE, "A");
        Identifier linked = new Identifier(IdentifierKind.DOMAIN, "b.cn");
        Identifier foreign = new Identifier(IdentifierKind.APP_ID, "com.e");
        Identifier free = new Identifier(IdentifierKind.DOMAIN, "free.cn");
        Entity entity = new Entity("acct-a", Set.of("acct-a", "acct-b"), Map.of(own, "acct-a", linked, "acct-b"));

        List<IdentityConflict> conflicts = entity.conflicts(
                List.of(own, linked, foreign, free), Map.of(own, "acct-a", linked, "acct-b", foreign, "acct-e"));

        assertThat(conflicts).containsExactly(new IdentityConflict(IdentifierKind.APP_ID, "com.e", "acct-e"));
        assertThat(entity.keys().accounts()).containsExactlyInAnyOrder("acct-a", "acct-b");
        assertThat(entity.keys().creditCodes()).containsExactly("A");
        assertThat(entity.keys().domains()).containsExactly("b.cn");
    }
}
