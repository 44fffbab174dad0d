package com.adreview.testing;

import com.adreview.engine.AdPackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Test data builder for ad packages: starts from one of the shipped examples and changes fields by
 * their contract path, so each test states only what matters to it.
 */
public final class TestPackages {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final ObjectNode root;

    private TestPackages(ObjectNode root) {
        this.root = root;
    }

    /** The package of an example in {@code src/test/resources/examples}, e.g. "01-approved-p2p". */
    public static TestPackages example(String name) {
        return new TestPackages((ObjectNode) exampleFile(name).get("package").deepCopy());
    }

    /** Names of every shared example (POLICY-SPEC's sample packages with their expected decisions). */
    public static List<String> examples() {
        return List.of(
                "01-approved-p2p",
                "02-rejected-guarantee",
                "03-rejected-filing-only",
                "04-rejected-shipping-fee",
                "05-pending-landing-domain",
                "06-rejected-individual-lender");
    }

    /** A package that every credential rule passes, for the given category. */
    public static TestPackages clean(String category) {
        return example("01-approved-p2p").with("category", category);
    }

    public static JsonNode exampleFile(String name) {
        try (InputStream in = TestPackages.class.getResourceAsStream("/examples/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets a field by dotted path ("icp.number"); creates missing objects on the way. */
    public TestPackages with(String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            node = child instanceof ObjectNode o ? o : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], JSON.valueToTree(value));
        return this;
    }

    public TestPackages withList(String path, String... values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        List.of(values).forEach(array::add);
        return with(path, array);
    }

    public TestPackages without(String path) {
        String[] parts = path.split("\\.");
        JsonNode node = root;
        for (int i = 0; i < parts.length - 1 && node != null; i++) {
            node = node.get(parts[i]);
        }
        if (node instanceof ObjectNode o) {
            o.remove(parts[parts.length - 1]);
        }
        return this;
    }

    /**
     * Gives the package an advertising entity of its own — a fresh, valid credit code, account, product
     * domain (which its ICP number covers and its landing page is on) and app id — so that complaints
     * filed in one test never touch another's ads, and no test names an identifier another test's
     * account holds.
     */
    public TestPackages asNewEntity() {
        String suffix = java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String domain = "p-" + suffix + ".cn";
        String landing = root.at("/creative/landingUrl").asText("");
        java.util.List<String> covered = new java.util.ArrayList<>();
        root.at("/icp/domains").forEach(d -> covered.add(d.asText()));
        if (com.adreview.check.Hosts.isCoveredBy(com.adreview.check.Hosts.hostOf(landing), covered)) {
            // A landing page on the old domains moves with them; one elsewhere (example 05) stays elsewhere.
            with("creative.landingUrl", "https://www." + domain + "/");
        }
        return with(
                        "advertiser.creditCode",
                        newCreditCodeLike(root.at("/advertiser/creditCode").asText("")))
                .with("advertiser.accountId", "acct-" + suffix)
                .with("product.domain", domain)
                .withList("icp.domains", domain)
                .with("product.appId", "com.example.p" + suffix);
    }

    /** {@link #asNewEntity()} under the given account. */
    public TestPackages asNewEntity(String accountId) {
        return asNewEntity().with("advertiser.accountId", accountId);
    }

    /** A fresh, valid Unified Social Credit Code (an enterprise's, check character right). */
    public static String newCreditCode() {
        return newCreditCodeLike("91");
    }

    /**
     * A fresh credit code that the credential rules judge as they judge {@code like}: the same
     * registration type (its first two characters: 92 is an individual business), a right check
     * character if its is right and a wrong one if not, malformed if it is malformed.
     */
    static String newCreditCodeLike(String like) {
        if (!com.adreview.check.CreditCode.isWellFormed(like)) {
            return like;
        }
        long n = Math.floorMod(java.util.UUID.randomUUID().getLeastSignificantBits(), 100_000_000_000L);
        String body = like.substring(0, 2) + "0108" + String.format("%011d", n);
        char right = com.adreview.check.CreditCode.checkCharacter(body);
        if (com.adreview.check.CreditCode.hasValidCheckCharacter(like)) {
            return body + right;
        }
        return body + (right == '0' ? '1' : '0');
    }

    public ObjectNode json() {
        return root.deepCopy();
    }

    public String body() {
        return root.toString();
    }

    public AdPackage build() {
        try {
            return JSON.treeToValue(root, AdPackage.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
