package com.adreview.store.embedded;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * Carries the data of an earlier release's store file (mongo-java-server's own H2 format) into the
 * BSON format, once: every database, collection, document and unique index, copied through the wire
 * protocol between the two formats. The copy is written to a temporary file and takes the store
 * file's name only when complete, so an interrupted migration simply runs again at the next start.
 * The old file is kept beside it, renamed {@code *.migrated}, as a backup.
 */
final class LegacyStoreMigration {

    private static final Logger LOG = Logger.getLogger(LegacyStoreMigration.class);
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");
    private static final int BATCH = 1_000;

    private LegacyStoreMigration() {}

    static void migrateIfNeeded(Path legacy, Path target) {
        if (!Files.exists(legacy) || Files.exists(target)) {
            return;
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.deleteIfExists(partial);
            LOG.infof("Carrying the store %s over into %s", legacy.toAbsolutePath(), target.getFileName());
            long documents = copy(legacy, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            Files.move(legacy, legacy.resolveSibling(legacy.getFileName() + ".migrated"));
            LOG.infof(
                    "Carried %d document(s) over; the old file is kept as %s.migrated",
                    documents, legacy.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot carry the store " + legacy + " over into " + target, e);
        }
    }

    private static long copy(Path legacy, Path partial) {
        EmbeddedStore from = EmbeddedStore.startOn(new H2Backend(EmbeddedStore.openFile(legacy)));
        EmbeddedStore to = EmbeddedStore.startOn(new BsonH2Backend(EmbeddedStore.openFile(partial)));
        try (MongoClient source = MongoClients.create(from.connectionString());
                MongoClient target = MongoClients.create(to.connectionString())) {
            long copied = 0;
            for (String name : source.listDatabaseNames()) {
                if (SYSTEM_DATABASES.contains(name)) {
                    continue;
                }
                MongoDatabase in = source.getDatabase(name);
                MongoDatabase out = target.getDatabase(name);
                for (String collection : in.listCollectionNames()) {
                    copied += copyCollection(in.getCollection(collection), out.getCollection(collection));
                }
            }
            return copied;
        } finally {
            to.close();
            from.close();
        }
    }

    private static long copyCollection(MongoCollection<Document> in, MongoCollection<Document> out) {
        for (Document index : in.listIndexes()) {
            if ("_id_".equals(index.getString("name"))) {
                continue;
            }
            IndexOptions options = new IndexOptions()
                    .name(index.getString("name"))
                    .unique(index.getBoolean("unique", false))
                    .sparse(index.getBoolean("sparse", false));
            out.createIndex(index.get("key", Document.class), options);
        }
        long copied = 0;
        List<Document> batch = new ArrayList<>(BATCH);
        for (Document document : in.find().batchSize(BATCH)) {
            batch.add(document);
            if (batch.size() == BATCH) {
                out.insertMany(batch);
                copied += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            out.insertMany(batch);
            copied += batch.size();
        }
        return copied;
    }
}
