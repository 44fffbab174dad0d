package com.adreview.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The prefilter never rules out a document the query matcher accepts, and does rule out the plain
 * mismatches it is there for: seeded random documents (nested documents, arrays of them, values of
 * mixed types under one name) against random equalities, judged by mongo-java-server's matcher.
 */
class BsonPrefilterTest {

    private static final ObjectId[] IDS = {new ObjectId(), new ObjectId(), new ObjectId()};
    private static final String[] NAMES = {"status", "category", "current", "statusChanges", "suspensionId", "x"};

    @Test
    void neverRulesOutAMatchAndRulesOutPlainMismatches() {
        Random random = new Random(20261201);
        DefaultQueryMatcher matcher = new DefaultQueryMatcher();
        int ruledOut = 0;
        int matched = 0;
        for (int i = 0; i < 20_000; i++) {
            Document doc = randomDocument(random, 0);
            Document query = randomQuery(random, 0);
            boolean matches = matcher.matches(doc, query);
            boolean may = BsonPrefilter.of(query)
                    .mayMatch(BsonDataTypes.Encoded.of(doc).bytes());
            if (matches) {
                matched++;
                assertThat(may)
                        .as("%s must not be ruled out for %s", doc, query)
                        .isTrue();
            } else if (!may) {
                ruledOut++;
            }
        }
        assertThat(matched).isGreaterThan(500);
        assertThat(ruledOut).isGreaterThan(5_000);
    }

    @Test
    void looksThroughSubDocumentsAndArraysOfThem() {
        ObjectId id = new ObjectId();
        Document pulled = new Document("status", "PULLED")
                .append("current", true)
                .append(
                        "statusChanges",
                        List.of(
                                new Document("to", "APPROVED"),
                                new Document("to", "PULLED")
                                        .append("suspensionId", "s-1")
                                        .append("by", id)));
        byte[] bson = BsonDataTypes.Encoded.of(pulled).bytes();

        assertThat(BsonPrefilter.of(new Document("status", "APPROVED")).mayMatch(bson))
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("status", "PULLED")).mayMatch(bson))
                .isTrue();
        assertThat(BsonPrefilter.of(new Document("current", false)).mayMatch(bson))
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("statusChanges.suspensionId", "s-1"))
                        .mayMatch(bson))
                .isTrue();
        assertThat(BsonPrefilter.of(new Document("statusChanges.suspensionId", "s-2"))
                        .mayMatch(bson))
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("statusChanges.by", id)).mayMatch(bson))
                .isTrue();
        assertThat(BsonPrefilter.of(new Document("statusChanges.by", new ObjectId()))
                        .mayMatch(bson))
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("missing", "x")).mayMatch(bson))
                .isFalse();
        // What the outbox relay asks: is there anything in the outbox?
        Document exists = new Document("$exists", true);
        assertThat(BsonPrefilter.of(new Document("statusChanges.0", exists)).mayMatch(bson))
                .isTrue();
        assertThat(BsonPrefilter.of(new Document("outbox.0", exists)).mayMatch(bson))
                .isFalse();
        byte[] emptied = BsonDataTypes.Encoded.of(new Document(pulled).append("outbox", List.of()))
                .bytes();
        assertThat(BsonPrefilter.of(new Document("outbox.0", exists)).mayMatch(emptied))
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("outbox", exists)).mayMatch(emptied))
                .isTrue();
        assertThat(BsonPrefilter.of(new Document("statusChanges.suspensionId", exists))
                        .mayMatch(bson))
                .isTrue();
        // An entity's identifiers: any of several fields in a list of values.
        Document entity = new Document(
                "$or",
                List.of(
                        new Document("creditCode", new Document("$in", List.of("91110000X", "91110000Y"))),
                        new Document("statusChanges.suspensionId", new Document("$in", List.of("s-1")))));
        assertThat(BsonPrefilter.of(entity).mayMatch(bson)).isTrue();
        Document other = new Document(
                "$or",
                List.of(
                        new Document("creditCode", new Document("$in", List.of("91110000X"))),
                        new Document("status", new Document("$in", List.of("APPROVED", "PENDING_REVIEW")))));
        assertThat(BsonPrefilter.of(other).mayMatch(bson)).isFalse();
        assertThat(BsonPrefilter.of(new Document("$and", List.of(new Document("status", "PULLED"), other)))
                        .mayMatch(bson))
                .isFalse();
        // Not for the prefilter: operators, array positions, numbers.
        assertThat(BsonPrefilter.of(new Document("status", new Document("$ne", "PULLED")))
                        .filters())
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("statusChanges.0.to", "X")).filters())
                .isFalse();
        assertThat(BsonPrefilter.of(new Document("version", 3L)).filters()).isFalse();
    }

    /** Equalities, $exists, $in lists, and $and / $or of those: what the service's queries are made of. */
    private static Document randomQuery(Random random, int depth) {
        Document query = new Document();
        int conditions = 1 + random.nextInt(2);
        for (int i = 0; i < conditions; i++) {
            int kind = random.nextInt(depth > 0 ? 3 : 5);
            switch (kind) {
                case 0 -> query.put(randomPath(random), randomValue(random, 3));
                case 1 -> query.put(
                        randomPath(random) + (random.nextBoolean() ? ".0" : ""), new Document("$exists", true));
                case 2 -> {
                    List<Object> values = new ArrayList<>();
                    int n = random.nextInt(4);
                    for (int j = 0; j < n; j++) {
                        values.add(randomValue(random, 3));
                    }
                    query.put(randomPath(random), new Document("$in", values));
                }
                case 3 -> query.put("$or", List.of(randomQuery(random, depth + 1), randomQuery(random, depth + 1)));
                default -> query.put("$and", List.of(randomQuery(random, depth + 1), randomQuery(random, depth + 1)));
            }
        }
        return query;
    }

    private static String randomPath(Random random) {
        String first = NAMES[random.nextInt(NAMES.length)];
        return random.nextInt(3) == 0 ? first + "." + NAMES[random.nextInt(NAMES.length)] : first;
    }

    private static Document randomDocument(Random random, int depth) {
        Document d = new Document();
        int fields = random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            d.put(NAMES[random.nextInt(NAMES.length)], randomValue(random, depth));
        }
        return d;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth >= 2 ? 7 : 9)) {
            case 0:
                return random.nextBoolean() ? "APPROVED" : "PULLED";
            case 1:
                return random.nextBoolean();
            case 2:
                return IDS[random.nextInt(IDS.length)];
            case 3:
                return random.nextInt(3);
            case 4:
                return (long) random.nextInt(3);
            case 5:
                return random.nextBoolean() ? null : "s-" + random.nextInt(2);
            case 6:
                return random.nextBoolean() ? 1.0 : "P2P_LENDING";
            case 7:
                return randomDocument(random, depth + 1);
            default: {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                return list;
            }
        }
    }
}
