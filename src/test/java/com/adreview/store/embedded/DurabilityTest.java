package com.adreview.store.embedded;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a kill right after an acknowledgement would find: the store's file is copied the moment each
 * insert is answered — as a SIGKILL leaves it, since the operating system keeps what was written — and
 * the copy opened afterwards. With {@code commit} and {@code fsync} every acknowledged document is in
 * its copy; with {@code delayed} (the old behaviour) the copies lack writes already acknowledged.
 */
class DurabilityTest {

    private static final int WRITES = 15;

    @TempDir
    Path dir;

    @Test
    void withCommitEveryAcknowledgedWriteIsInTheFile() throws Exception {
        assertThat(missingFromCopies(Durability.COMMIT)).isEmpty();
    }

    @Test
    void withFsyncEveryAcknowledgedWriteIsInTheFile() throws Exception {
        assertThat(missingFromCopies(Durability.FSYNC)).isEmpty();
    }

    @Test
    void delayedAcknowledgesWritesTheFileDoesNotHoldYet() throws Exception {
        assertThat(missingFromCopies(Durability.DELAYED)).isNotEmpty();
    }

    /** The writes missing from the copy taken right after their acknowledgement. */
    private List<Integer> missingFromCopies(Durability durability) throws Exception {
        Path file = dir.resolve(durability + ".mv.db");
        EmbeddedStore store = EmbeddedStore.startOn(EmbeddedStore.openFile(file), durability, Duration.ZERO);
        List<Path> copies = new ArrayList<>();
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            c.insertOne(new Document("_id", -1));
            for (int i = 0; i < WRITES; i++) {
                c.insertOne(new Document("_id", i).append("payload", "x".repeat(200)));
                Path copy = dir.resolve(durability + "-" + i + ".mv.db");
                Files.copy(file, copy);
                copies.add(copy);
            }
        } finally {
            store.close();
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            if (!idsIn(copies.get(i)).contains(i)) {
                missing.add(i);
            }
        }
        return missing;
    }

    private static Set<Integer> idsIn(Path copy) {
        EmbeddedStore opened = EmbeddedStore.startOn(new BsonH2Backend(EmbeddedStore.openFile(copy)));
        try (MongoClient client = MongoClients.create(opened.connectionString())) {
            Set<Integer> ids = new HashSet<>();
            for (Document d : client.getDatabase("t")
                    .getCollection("c")
                    .find(in(
                            "_id",
                            java.util.stream.IntStream.range(0, WRITES).boxed().toList()))) {
                ids.add(d.getInteger("_id"));
            }
            return ids;
        } finally {
            opened.close();
        }
    }
}
