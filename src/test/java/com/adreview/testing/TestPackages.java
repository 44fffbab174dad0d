package com.adreview.testing;

import com.adreview.decision.AdPackage;
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
     * domain and app id — so that complaints filed in one test never touch another's ads.
     */
    public TestPackages asNewEntity() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String body = "91110108" + String.format("%09d", Math.floorMod(suffix.hashCode(), 1_000_000_000));
        return with("advertiser.creditCode", body + com.adreview.check.CreditCode.checkCharacter(body))
                .with("advertiser.accountId", "acct-" + suffix)
                .with("product.domain", "p-" + suffix + ".cn")
                .with("product.appId", "com.example.p" + suffix);
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
