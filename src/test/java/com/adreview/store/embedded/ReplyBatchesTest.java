package com.adreview.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query whose result is larger than one reply may carry comes back in batches, as from MongoDB: before,
 * the embedded store answered it in one reply the driver refused (past 48 MB), so the query failed.
 */
class ReplyBatchesTest {

    @TempDir
    Path dir;

    /** About 60 MB of documents: more than one reply may hold. */
    private static final int DOCUMENTS = 1_000;

    private static final int TEXT_CHARS = 60_000;

    @Test
    void aResultLargerThanAReplyArrivesWholeInOrderInBatches() {
        EmbeddedStore store = EmbeddedStore.startOn(new BsonH2Backend(EmbeddedStore.openFile(dir.resolve("s.mv.db"))));
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("big");
            String text = "x".repeat(TEXT_CHARS);
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.add(new Document("_id", i)
                        .append("kind", i % 2 == 0 ? "even" : "odd")
                        .append("text", text));
                if (batch.size() == 100) {
                    c.insertMany(batch);
                    batch = new ArrayList<>();
                }
            }

            List<Integer> all = c.find()
                    .sort(Sorts.ascending("_id"))
                    .map(d -> d.getInteger("_id"))
                    .into(new ArrayList<>());
            assertThat(all).hasSize(DOCUMENTS).isSorted();
            // A filtered query, and one that names a batch size larger than a reply holds.
            assertThat(c.find(Filters.eq("kind", "even")).into(new ArrayList<>()))
                    .hasSize(DOCUMENTS / 2);
            assertThat(c.find().batchSize(900).into(new ArrayList<>())).hasSize(DOCUMENTS);
            // A small batch size is still the client's to choose.
            assertThat(c.find().batchSize(7).limit(20).into(new ArrayList<>())).hasSize(20);
        } finally {
            store.close();
        }
    }

    @Test
    void theSizeEstimateIsNeverBelowTheEncodedSize() {
        Random random = new Random(20261207);
        String[] alphabet = {"a", "Z", "9", "投", "诉", "é", "—", " "};
        for (int n = 0; n < 2_000; n++) {
            de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
            int fields = 1 + random.nextInt(8);
            for (int f = 0; f < fields; f++) {
                String name = alphabet[random.nextInt(alphabet.length)] + f;
                Object value =
                        switch (random.nextInt(6)) {
                            case 0 -> random.nextLong();
                            case 1 -> random.nextInt();
                            case 2 -> {
                                StringBuilder s = new StringBuilder();
                                for (int k = random.nextInt(40); k > 0; k--) {
                                    s.append(alphabet[random.nextInt(alphabet.length)]);
                                }
                                yield s.toString();
                            }
                            case 3 -> new de.bwaldvogel.mongo.bson.ObjectId();
                            case 4 -> new de.bwaldvogel.mongo.bson.Document("inner", "值" + n).append("n", n);
                            default -> List.of("a", n, new de.bwaldvogel.mongo.bson.Document("k", "v"));
                        };
                d.append(name, value);
            }
            int encoded = BsonDataTypes.Encoded.of(d).bytes().length;
            assertThat(ReplyBatches.estimatedSize(d)).as("%s", d).isGreaterThanOrEqualTo(encoded);
        }
    }
}
