package com.adreview.engine;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every leaf field of an {@link AdPackage}, declared once: its contract path, its type and whether
 * content rules scan it. The policy input ({@link PolicyInput}), the CEL variables
 * ({@link CelEnvironment}) and the pack loader's checks (which fields a rule may quote as evidence,
 * which it may scan) all read this table; a test holds it equal to the record's components, so a new
 * field of the contract is one line here besides the record itself.
 *
 * <p>Every field may be quoted as evidence: evidence is the package's own value, shown back.
 */
public enum AdField {
    AD_ID("adId", Type.TEXT, Scan.NEVER, AdPackage::adId),
    CATEGORY(
            "category",
            Type.TEXT,
            Scan.NEVER,
            ad -> ad.category() == null ? null : ad.category().name()),
    RISK_WARNING("riskWarning", Type.TEXT, Scan.ON_REQUEST, AdPackage::riskWarning),
    PLACEMENTS("placements", Type.TEXTS, Scan.NEVER, AdPackage::placements),
    ACCOUNT_ID("advertiser.accountId", Type.TEXT, Scan.NEVER, advertiser(AdPackage.Advertiser::accountId)),
    LEGAL_NAME("advertiser.legalName", Type.TEXT, Scan.ON_REQUEST, advertiser(AdPackage.Advertiser::legalName)),
    CREDIT_CODE("advertiser.creditCode", Type.TEXT, Scan.NEVER, advertiser(AdPackage.Advertiser::creditCode)),
    REGISTERED_CAPITAL(
            "advertiser.registeredCapital",
            Type.MONEY,
            Scan.NEVER,
            advertiser(AdPackage.Advertiser::registeredCapital)),
    PAID_IN_CAPITAL(
            "advertiser.paidInCapital", Type.MONEY, Scan.NEVER, advertiser(AdPackage.Advertiser::paidInCapital)),
    OPERATING_SINCE(
            "advertiser.operatingSince", Type.DATE, Scan.NEVER, advertiser(AdPackage.Advertiser::operatingSince)),
    ADDRESS("advertiser.address", Type.TEXT, Scan.ON_REQUEST, advertiser(AdPackage.Advertiser::address)),
    ICP_NUMBER("icp.number", Type.TEXT, Scan.NEVER, icp(AdPackage.Icp::number)),
    ICP_HOLDER("icp.holder", Type.TEXT, Scan.NEVER, icp(AdPackage.Icp::holder)),
    ICP_DOMAINS("icp.domains", Type.TEXTS, Scan.NEVER, icp(AdPackage.Icp::domains)),
    PRODUCT_NAME("product.name", Type.TEXT, Scan.ON_REQUEST, product(AdPackage.Product::name)),
    PRODUCT_DOMAIN("product.domain", Type.TEXT, Scan.NEVER, product(AdPackage.Product::domain)),
    APP_ID("product.appId", Type.TEXT, Scan.NEVER, product(AdPackage.Product::appId)),
    MAX_ANNUAL_RATE("product.maxAnnualRate", Type.NUMBER, Scan.NEVER, product(AdPackage.Product::maxAnnualRate)),
    HEADLINE("creative.headline", Type.TEXT, Scan.BY_DEFAULT, creative(AdPackage.Creative::headline)),
    BODY("creative.body", Type.TEXT, Scan.BY_DEFAULT, creative(AdPackage.Creative::body)),
    CALL_TO_ACTION("creative.callToAction", Type.TEXT, Scan.BY_DEFAULT, creative(AdPackage.Creative::callToAction)),
    LANDING_URL("creative.landingUrl", Type.TEXT, Scan.NEVER, creative(AdPackage.Creative::landingUrl));

    /** How a field reaches conditions, and whether it is there when not given. */
    public enum Type {
        /** A string; the empty string when not given, so conditions need no presence test. */
        TEXT,
        /** A list of strings; empty when not given. */
        TEXTS,
        /** {@code {amount, currency}}, the amount a double; absent when not given ("not given" is not zero). */
        MONEY,
        /** An ISO date string; absent when not given. */
        DATE,
        /** A double; absent when not given. */
        NUMBER
    }

    /** Whether content rules look at a field. */
    public enum Scan {
        NEVER,
        /** Only a rule that names it in {@code fields}. */
        ON_REQUEST,
        /** Also every content rule that names no fields: the ad copy itself. */
        BY_DEFAULT
    }

    private final String path;
    private final String[] keys;
    private final Type type;
    private final Scan scan;
    private final Function<AdPackage, Object> value;

    AdField(String path, Type type, Scan scan, Function<AdPackage, ?> value) {
        this.path = path;
        // Interned, as CelEnvironment's paths are: reading a field of the document finds its key by identity.
        this.keys = Arrays.stream(path.split("\\.")).map(String::intern).toArray(String[]::new);
        this.type = type;
        this.scan = scan;
        this.value = value::apply;
    }

    /** The contract path, as rules, evidence and the API's field errors name it: {@code icp.number}. */
    public String path() {
        return path;
    }

    /** The path's keys, from the package down: {@code [icp, number]}. */
    String[] keys() {
        return keys;
    }

    public Type type() {
        return type;
    }

    public Scan scan() {
        return scan;
    }

    /** The field's value in the package as given (null when it or its object is not given). */
    public Object valueIn(AdPackage ad) {
        return value.apply(ad);
    }

    /** Every field's path: what a rule may quote as evidence. */
    public static Set<String> paths() {
        return PATHS;
    }

    /** The paths of text fields a content rule may scan. */
    public static Set<String> scannable() {
        return SCANNABLE;
    }

    /** The paths a content rule scans when it names no fields, in the order of the ad copy. */
    public static List<String> scannedByDefault() {
        return SCANNED_BY_DEFAULT;
    }

    private static final Set<String> PATHS =
            Arrays.stream(values()).map(AdField::path).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> SCANNABLE = Arrays.stream(values())
            .filter(f -> f.scan != Scan.NEVER)
            .map(AdField::path)
            .collect(Collectors.toUnmodifiableSet());
    private static final List<String> SCANNED_BY_DEFAULT = Arrays.stream(values())
            .filter(f -> f.scan == Scan.BY_DEFAULT)
            .map(AdField::path)
            .toList();

    private static <T> Function<AdPackage, T> advertiser(Function<AdPackage.Advertiser, T> leaf) {
        return ad -> ad.advertiser() == null ? null : leaf.apply(ad.advertiser());
    }

    private static <T> Function<AdPackage, T> icp(Function<AdPackage.Icp, T> leaf) {
        return ad -> ad.icp() == null ? null : leaf.apply(ad.icp());
    }

    private static <T> Function<AdPackage, T> product(Function<AdPackage.Product, T> leaf) {
        return ad -> ad.product() == null ? null : leaf.apply(ad.product());
    }

    private static <T> Function<AdPackage, T> creative(Function<AdPackage.Creative, T> leaf) {
        return ad -> ad.creative() == null ? null : leaf.apply(ad.creative());
    }
}
