package com.adreview.engine;

import com.adreview.engine.AdPackage.Money;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The package as the {@code ad} variable of a condition: nested maps keyed by the contract's field
 * names. Text and lists are always present so conditions stay simple; money, dates and rates are
 * present only when given, because "not given" must not read as zero.
 */
public final class PolicyInput {

    private PolicyInput() {}

    public static Map<String, Object> document(AdPackage ad) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("adId", text(ad.adId()));
        doc.put("category", ad.category() == null ? "" : ad.category().name());
        doc.put("advertiser", advertiser(ad.advertiser()));
        doc.put("icp", icp(ad.icp()));
        doc.put("product", product(ad.product()));
        doc.put("creative", creative(ad.creative()));
        doc.put("riskWarning", text(ad.riskWarning()));
        doc.put("placements", ad.placements());
        return doc;
    }

    /** The value at a dotted path of a document such as {@code icp.number}, or null. */
    public static Object valueAt(Map<String, Object> document, String path) {
        Object current = document;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Map<String, Object> advertiser(AdPackage.Advertiser a) {
        Map<String, Object> m = new HashMap<>();
        AdPackage.Advertiser v = a == null ? new AdPackage.Advertiser(null, null, null, null, null, null, null) : a;
        m.put("accountId", text(v.accountId()));
        m.put("legalName", text(v.legalName()));
        m.put("creditCode", text(v.creditCode()));
        m.put("address", text(v.address()));
        putIfPresent(m, "registeredCapital", money(v.registeredCapital()));
        putIfPresent(m, "paidInCapital", money(v.paidInCapital()));
        putIfPresent(
                m,
                "operatingSince",
                v.operatingSince() == null ? null : v.operatingSince().toString());
        return m;
    }

    private static Map<String, Object> icp(AdPackage.Icp i) {
        Map<String, Object> m = new HashMap<>();
        m.put("number", i == null ? "" : text(i.number()));
        m.put("holder", i == null ? "" : text(i.holder()));
        m.put("domains", i == null ? List.of() : i.domains());
        return m;
    }

    private static Map<String, Object> product(AdPackage.Product p) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", p == null ? "" : text(p.name()));
        m.put("domain", p == null ? "" : text(p.domain()));
        m.put("appId", p == null ? "" : text(p.appId()));
        if (p != null) {
            putIfPresent(m, "maxAnnualRate", number(p.maxAnnualRate()));
        }
        return m;
    }

    private static Map<String, Object> creative(AdPackage.Creative c) {
        Map<String, Object> m = new HashMap<>();
        m.put("headline", c == null ? "" : text(c.headline()));
        m.put("body", c == null ? "" : text(c.body()));
        m.put("callToAction", c == null ? "" : text(c.callToAction()));
        m.put("landingUrl", c == null ? "" : text(c.landingUrl()));
        return m;
    }

    private static Map<String, Object> money(Money money) {
        if (money == null || money.amount() == null) {
            return null;
        }
        return Map.of("amount", number(money.amount()), "currency", text(money.currency()));
    }

    /** CEL has no decimal type; amounts and rates are compared as doubles, exact to 15 digits. */
    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void putIfPresent(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
