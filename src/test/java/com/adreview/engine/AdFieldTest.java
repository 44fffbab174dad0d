package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of the ad's fields is the record's: a field added to one and not the other fails here. */
class AdFieldTest {

    @Test
    void theTableListsEveryLeafOfTheRecordWithItsType() {
        Map<String, AdField.Type> ofRecord = new TreeMap<>();
        leaves(AdPackage.class, "", ofRecord);
        Map<String, AdField.Type> ofTable = Arrays.stream(AdField.values())
                .collect(Collectors.toMap(AdField::path, AdField::type, (a, b) -> a, TreeMap::new));
        assertThat(ofTable).isEqualTo(ofRecord);
    }

    @Test
    void eachFieldReadsItsOwnValue() {
        // Every leaf given a value of its own: each field of the table must read back exactly that one.
        AdPackage ad = new AdPackage(
                "ad",
                Category.P2P_LENDING,
                new AdPackage.Advertiser(
                        "acct",
                        "legal",
                        "code",
                        new AdPackage.Money(BigDecimal.ONE, "CNY"),
                        new AdPackage.Money(BigDecimal.TEN, "USD"),
                        LocalDate.of(2016, 4, 1),
                        "addr"),
                new AdPackage.Icp("icp", "holder", List.of("icp.cn")),
                new AdPackage.Product("prod", "prod.cn", "app.id", new BigDecimal("0.18")),
                new AdPackage.Creative("head", "body", "cta", "https://prod.cn/"),
                "risk",
                List.of("FEED"));
        Map<String, Object> document = PolicyInput.document(ad);
        assertThat(PolicyInput.valueAt(document, "advertiser.paidInCapital"))
                .isEqualTo(Map.of("amount", 10.0, "currency", "USD"));
        assertThat(PolicyInput.valueAt(document, "advertiser.operatingSince")).isEqualTo("2016-04-01");
        assertThat(PolicyInput.valueAt(document, "product.maxAnnualRate")).isEqualTo(0.18);
        assertThat(PolicyInput.valueAt(document, "category")).isEqualTo("P2P_LENDING");
        assertThat(Arrays.stream(AdField.values()).map(f -> f.valueIn(ad)).distinct())
                .as("no two fields read the same value")
                .hasSize(AdField.values().length);
    }

    @Test
    void whatIsNotGivenIsEmptyTextOrAbsent() {
        AdPackage bare = new AdPackage("ad", null, null, null, null, null, null, null);
        Map<String, Object> document = PolicyInput.document(bare);
        assertThat(PolicyInput.valueAt(document, "creative.body")).isEqualTo("");
        assertThat(PolicyInput.valueAt(document, "icp.domains")).isEqualTo(List.of());
        assertThat(document.get("advertiser")).isInstanceOf(Map.class);
        assertThat(new java.util.TreeSet<Object>(((Map<?, ?>) document.get("advertiser")).keySet()))
                .containsExactlyInAnyOrder("accountId", "legalName", "creditCode", "address");
        assertThat(new java.util.TreeSet<Object>(((Map<?, ?>) document.get("product")).keySet()))
                .containsExactlyInAnyOrder("name", "domain", "appId");
    }

    @Test
    void conditionsSeeTheVariablesTheyAlwaysHave() {
        // The CEL variables are the table's: texts and lists, money down to amount and currency, the
        // objects holding them; dates and numbers only as selections, so that has() can test them.
        assertThat(CelEnvironment.AD_PATHS.keySet())
                .containsExactlyInAnyOrder(
                        "ad",
                        "ad.adId",
                        "ad.category",
                        "ad.riskWarning",
                        "ad.placements",
                        "ad.advertiser",
                        "ad.icp",
                        "ad.product",
                        "ad.creative",
                        "ad.advertiser.accountId",
                        "ad.advertiser.legalName",
                        "ad.advertiser.creditCode",
                        "ad.advertiser.address",
                        "ad.advertiser.registeredCapital.amount",
                        "ad.advertiser.registeredCapital.currency",
                        "ad.advertiser.paidInCapital.amount",
                        "ad.advertiser.paidInCapital.currency",
                        "ad.icp.number",
                        "ad.icp.holder",
                        "ad.icp.domains",
                        "ad.product.name",
                        "ad.product.domain",
                        "ad.product.appId",
                        "ad.creative.headline",
                        "ad.creative.body",
                        "ad.creative.callToAction",
                        "ad.creative.landingUrl");
    }

    @Test
    void contentRulesScanTheCopyByDefault() {
        assertThat(AdField.scannedByDefault())
                .containsExactly("creative.headline", "creative.body", "creative.callToAction");
        assertThat(AdField.scannable())
                .containsExactlyInAnyOrder(
                        "creative.headline",
                        "creative.body",
                        "creative.callToAction",
                        "riskWarning",
                        "product.name",
                        "advertiser.legalName",
                        "advertiser.address");
    }

    private static void leaves(Class<?> record, String prefix, Map<String, AdField.Type> out) {
        for (RecordComponent c : record.getRecordComponents()) {
            String path = prefix + c.getName();
            Class<?> type = c.getType();
            if (type == AdPackage.Money.class) {
                out.put(path, AdField.Type.MONEY);
            } else if (type.isRecord()) {
                leaves(type, path + ".", out);
            } else if (type == String.class || type.isEnum()) {
                out.put(path, AdField.Type.TEXT);
            } else if (type == List.class
                    && ((ParameterizedType) c.getGenericType())
                            .getActualTypeArguments()[0]
                            .getTypeName()
                            .contains("String")) {
                out.put(path, AdField.Type.TEXTS);
            } else if (type == LocalDate.class) {
                out.put(path, AdField.Type.DATE);
            } else if (type == BigDecimal.class) {
                out.put(path, AdField.Type.NUMBER);
            } else {
                throw new AssertionError(path + ": a type the table has no kind for: " + type);
            }
        }
    }
}
