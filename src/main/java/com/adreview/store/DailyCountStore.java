package com.adreview.store;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Counts per day, kept as they happen: one small document per (day, dimension, value), each raised by a
 * single-document upsert. A dashboard panel then reads at most days × values documents, however many
 * submissions or complaints there are. The count is raised right after the write it counts (no
 * transaction): a crash between the two loses that one count, which a dashboard can bear.
 */
public final class DailyCountStore {

    private final MongoCollection<Document> collection;

    public DailyCountStore(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public void ensureIndexes() {
        collection.createIndex(Indexes.ascending("dim", "day"));
    }

    /** One count to raise. */
    public record Key(String day, String dim, String value) {}

    /** Raises each key's count by one (a key given twice, by two), in one unordered bulk write. */
    public void add(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Map<Key, Integer> merged = new LinkedHashMap<>();
        keys.forEach(k -> merged.merge(k, 1, Integer::sum));
        List<WriteModel<Document>> writes = new ArrayList<>(merged.size());
        merged.forEach((k, n) -> writes.add(new UpdateOneModel<>(
                eq("_id", k.dim() + "|" + k.day() + "|" + k.value()),
                Updates.combine(
                        Updates.setOnInsert("dim", k.dim()),
                        Updates.setOnInsert("day", k.day()),
                        Updates.setOnInsert("value", k.value()),
                        Updates.inc("n", (long) n)),
                new UpdateOptions().upsert(true))));
        collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }

    /** The counts of a dimension on the days: by the (dim, day) index. */
    public Map<Key, Long> read(String dim, Collection<String> days) {
        Map<Key, Long> out = new LinkedHashMap<>();
        for (Document d : collection.find(and(eq("dim", dim), in("day", new ArrayList<>(days))))) {
            Number n = (Number) d.get("n");
            out.put(new Key(d.getString("day"), dim, d.getString("value")), n == null ? 0L : n.longValue());
        }
        return out;
    }
}
