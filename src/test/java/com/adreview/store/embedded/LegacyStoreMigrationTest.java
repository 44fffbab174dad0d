package com.adreview.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory written by an earlier release keeps its data, once carried over to the BSON file. */
class LegacyStoreMigrationTest {

    @TempDir
    Path data;

    @Test
    void anEarlierReleasesDataIsCarriedOverOnceWithItsUniqueIndexes() throws Exception {
        Path legacy = data.resolve(EmbeddedStore.LEGACY_FILE_NAME + ".db");
        List<Document> written = new ArrayList<>();
        EmbeddedStore old = EmbeddedStore.startOn(new H2Backend(EmbeddedStore.openFile(legacy)));
        try (MongoClient client = MongoClients.create(old.connectionString())) {
            MongoCollection<Document> submissions =
                    client.getDatabase("adreview").getCollection("submissions");
            submissions.createIndex(
                    Indexes.ascending("accountId", "adId", "revision"), new IndexOptions().unique(true));
            for (int i = 0; i < 2_500; i++) {
                Document d = new Document("_id", new ObjectId())
                        .append("accountId", "acct-" + i)
                        .append("adId", "ad")
                        .append("revision", 1)
                        .append("status", "APPROVED")
                        .append("adPackage", new Document("headline", "出借信息一站式披露 " + i));
                written.add(d);
            }
            submissions.insertMany(written);
            client.getDatabase("adreview").getCollection("adChanges").insertOne(new Document("_id", 1L));
        } finally {
            old.close();
        }

        EmbeddedStore store = EmbeddedStore.startFile(data, "127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(store.connectionString())) {
            MongoCollection<Document> submissions =
                    client.getDatabase("adreview").getCollection("submissions");
            assertThat(submissions.find().sort(Indexes.ascending("_id")).into(new ArrayList<>()))
                    .isEqualTo(written);
            assertThat(client.getDatabase("adreview").getCollection("adChanges").countDocuments())
                    .isEqualTo(1);
            assertThatThrownBy(() -> submissions.insertOne(new Document("accountId", "acct-7")
                            .append("adId", "ad")
                            .append("revision", 1)))
                    .isInstanceOf(MongoWriteException.class);
        } finally {
            store.close();
        }
        assertThat(legacy).doesNotExist();
        assertThat(data.resolve(EmbeddedStore.LEGACY_FILE_NAME + ".db.migrated"))
                .exists();
        assertThat(data.resolve(EmbeddedStore.FILE_NAME + ".db")).exists();
        assertThat(Files.list(data).map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
    }
}
