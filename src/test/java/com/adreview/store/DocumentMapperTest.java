package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackLoader;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;

/**
 * A record becomes the very document that parsing its JSON text gave before (same keys, same order,
 * same BSON types: what is stored, and every digest of it, does not change), and comes back as itself.
 */
class DocumentMapperTest {

    /** Like the service's mapper where it matters here: instants as ISO text. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final JsonWriterSettings EXACT =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final DocumentMapper mapper = new DocumentMapper(JSON);

    record Sample(
            int small,
            long big,
            long wholeLong,
            double ratio,
            double whole,
            Double missing,
            String text,
            Instant at,
            boolean flag,
            List<Object> items,
            Map<String, Object> nested) {}

    @Test
    void randomValuesAreStoredAsTheirJsonTextWouldBe() throws Exception {
        Random random = new Random(20261205);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> nested = new LinkedHashMap<>();
            nested.put("z" + i, random.nextInt());
            nested.put("a", random.nextBoolean() ? null : random.nextDouble() * 1e12);
            nested.put(
                    "list",
                    List.of(random.nextLong(), "汉字\u200b" + random.nextInt(), Map.of("k", random.nextGaussian())));
            List<Object> items = new ArrayList<>();
            items.add((long) Integer.MAX_VALUE + random.nextInt(3)); // a long around the int boundary
            items.add((long) Integer.MIN_VALUE - random.nextInt(3));
            items.add(random.nextInt(10) * 1.0);
            items.add(new double[] {0.1, 1e20, -0.0, 4.9e-324, 1.7976931348623157e308}[random.nextInt(5)]);
            Sample sample = new Sample(
                    random.nextInt(),
                    random.nextLong(),
                    random.nextInt(1000),
                    random.nextDouble(),
                    Math.floor(random.nextDouble() * 1e9),
                    null,
                    "“市场有风险”" + i,
                    Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L),
                    random.nextBoolean(),
                    items,
                    nested);
            assertSameAsParsedText(sample);
            assertThat(mapper.fromDocument(mapper.toDocument(sample), Sample.class)
                            .text())
                    .isEqualTo(sample.text());
        }
    }

    @Test
    void decisionsAndTheirContextsOfTheShippedPackAreStoredAsBefore() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(Path.of("policies"));
        DecisionEngine engine = new DecisionEngine();
        Instant now = Instant.parse("2026-12-05T08:00:00.123Z");
        EvaluationContext context = new EvaluationContext(
                now,
                new ComplaintRecord(List.of(
                        new ComplaintRecord.Entry(
                                "c1", now.minusSeconds(86_400), "USER", new BigDecimal("2500000.5"), "CNY", "r-1", now),
                        new ComplaintRecord.Entry("c2", now.minusSeconds(3_600), "REGULATOR", null, null))));
        for (String example : TestPackages.examples()) {
            Decision decision = engine.evaluate(TestPackages.example(example).build(), context, pack);
            assertSameAsParsedText(decision);
            assertSameAsParsedText(context);
            assertThat(mapper.fromDocument(mapper.toDocument(decision), Decision.class))
                    .isEqualTo(decision);
            assertThat(mapper.fromDocument(mapper.toDocument(context), EvaluationContext.class))
                    .isEqualTo(context);
        }
    }

    /**
     * A package is stored from the JSON tree it arrived as ({@link DocumentMapper#document}), as parsing the tree's
     * text gave before: the examples, and seeded random trees of every JSON value a package's fields can hold.
     */
    @Test
    void receivedPackagesAreStoredAsTheirTextWouldBe() throws Exception {
        for (String example : TestPackages.examples()) {
            com.fasterxml.jackson.databind.JsonNode tree =
                    TestPackages.example(example).json();
            assertSameAsItsText(tree);
        }
        Random random = new Random(20261207);
        com.fasterxml.jackson.databind.node.JsonNodeFactory nodes =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        for (int i = 0; i < 2_000; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode tree = nodes.objectNode();
            fill(tree, random, nodes, 3);
            // The same tree as text read back: numbers as the parser gives them (ints, longs, big decimals, doubles).
            assertSameAsItsText(tree);
            assertSameAsItsText(JSON.readTree(tree.toString()));
            assertSameAsItsText(JSON.copy()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .readTree(tree.toString()));
        }
    }

    private static void fill(
            com.fasterxml.jackson.databind.node.ObjectNode object,
            Random random,
            com.fasterxml.jackson.databind.node.JsonNodeFactory nodes,
            int depth) {
        int fields = 1 + random.nextInt(6);
        for (int f = 0; f < fields; f++) {
            String name =
                    new String[] {"amount", "headline", "中文字段", "a.b", "x" + f, "landingUrl"}[random.nextInt(6)] + f;
            switch (random.nextInt(depth > 0 ? 9 : 7)) {
                case 0 -> object.put(name, random.nextInt());
                case 1 -> object.put(name, (long) Integer.MAX_VALUE + 1 + random.nextInt(1000));
                case 2 -> object.put(name, new BigDecimal(random.nextInt(1_000_000)).movePointLeft(random.nextInt(5)));
                case 3 -> object.put(
                        name, new double[] {0.18, 1e-7, 2e21, -0.0, random.nextDouble()}[random.nextInt(5)]);
                case 4 -> object.put(name, "稳赚不赔\u0000\n\"" + random.nextInt() + "\uD83D\uDE00");
                case 5 -> object.put(name, random.nextBoolean());
                case 6 -> object.putNull(name);
                case 7 -> fill(object.putObject(name), random, nodes, depth - 1);
                default -> {
                    com.fasterxml.jackson.databind.node.ArrayNode array = object.putArray(name);
                    for (int k = random.nextInt(4); k > 0; k--) {
                        array.add(random.nextBoolean() ? nodes.textNode("项" + k) : nodes.numberNode(random.nextLong()));
                    }
                }
            }
        }
    }

    private static void assertSameAsItsText(com.fasterxml.jackson.databind.JsonNode tree) {
        assertThat(DocumentMapper.document(tree).toJson(EXACT))
                .as("%s", tree)
                .isEqualTo(Document.parse(tree.toString()).toJson(EXACT));
    }

    private void assertSameAsParsedText(Object value) throws Exception {
        Document parsed = Document.parse(JSON.writeValueAsString(value));
        assertThat(mapper.toDocument(value).toJson(EXACT)).isEqualTo(parsed.toJson(EXACT));
    }
}
