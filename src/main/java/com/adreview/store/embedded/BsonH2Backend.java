package com.adreview.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 file backend with typed maps ({@link BsonDataTypes}): the same layout of
 * maps in the MVStore (one data map and one meta map per collection, one map per unique index), but
 * documents kept as their BSON bytes and keys compared as MongoDB compares them, instead of with
 * Java serialisation. Only the map types differ from {@code de.bwaldvogel.mongo.backend.h2.H2Backend},
 * so a file written by one cannot be read by the other: {@link EmbeddedStore} keeps this format in a
 * file of its own and carries an older file's data over once.
 */
final class BsonH2Backend extends AbstractMongoBackend {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(BsonH2Backend.class);
    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";

    private final MVStore mvStore;
    /** Queries (and aggregations) that read a whole collection: what an index should have answered. */
    private final java.util.concurrent.atomic.LongAdder fullScans = new java.util.concurrent.atomic.LongAdder();
    /** Documents read by position, as an index lookup finds them: what a query read beyond its answer shows here. */
    private final java.util.concurrent.atomic.LongAdder documentsRead = new java.util.concurrent.atomic.LongAdder();

    BsonH2Backend(MVStore mvStore) {
        this.mvStore = mvStore;
        mvStore.getMapNames().stream()
                .filter(name -> name.startsWith(DATA_PREFIX))
                .map(name -> name.substring(DATA_PREFIX.length()))
                .map(fullName -> fullName.substring(0, fullName.indexOf('.')))
                .distinct()
                .forEach(this::resolveDatabase);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, mvStore, getCursorRegistry(), fullScans, documentsRead);
    }

    /** How many queries and aggregations read a whole collection since the store opened. */
    long fullScans() {
        return fullScans.sum();
    }

    /** How many documents queries have read by position (as index lookups find them) since the store opened. */
    long documentsRead() {
        return documentsRead.sum();
    }

    @Override
    public void close() {
        super.close();
        mvStore.close();
    }

    private static <K, V> MVMap.Builder<K, V> typed(
            org.h2.mvstore.type.DataType<? super K> keys, org.h2.mvstore.type.DataType<? super V> values) {
        return new MVMap.Builder<K, V>().keyType(keys).valueType(values);
    }

    private static final class Database extends AbstractSynchronizedMongoDatabase<Object> {

        private final MVStore mvStore;
        private final java.util.concurrent.atomic.LongAdder fullScans;
        private final java.util.concurrent.atomic.LongAdder documentsRead;

        Database(
                String databaseName,
                MVStore mvStore,
                CursorRegistry cursorRegistry,
                java.util.concurrent.atomic.LongAdder fullScans,
                java.util.concurrent.atomic.LongAdder documentsRead) {
            super(databaseName, cursorRegistry);
            this.mvStore = mvStore;
            this.fullScans = fullScans;
            this.documentsRead = documentsRead;
            initializeNamespacesAndIndexes();
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            return index(collectionName, indexName, keys, sparse, false);
        }

        private UniqueIndex index(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse, boolean secondary) {
            MVMap<Object, Object> map = mvStore.openMap(
                    indexMapName(collectionName, indexName),
                    typed(BsonDataTypes.KeyType.INSTANCE, BsonDataTypes.KeyType.INSTANCE));
            return new UniqueIndex(map, indexName, keys, sparse, secondary);
        }

        /**
         * A non-unique index as a unique one on its keys and {@code _id}: mongo-java-server has no
         * secondary indexes (it ignores them), so every query on their keys read the whole collection —
         * an entity's links, the active suspensions, a page of submissions by status. With {@code _id}
         * last, no two documents ever share a key, so the index refuses nothing MongoDB would take, and
         * the leading keys find documents as in MongoDB ({@link UniqueIndex#prefixPositions}). The index's
         * description (what {@code listIndexes} shows) stays as created. Opened on a file written before,
         * where it held nothing, its map is new and empty, and the collection fills it from its documents,
         * as for an index created on a collection that has some.
         *
         * <p>A sparse index on one field is kept the same way, but only for the documents that have the field
         * ({@link UniqueIndex#holds}), and answers {@code {field: {$exists: true}}} from its entries alone
         * ({@link UniqueIndex#existsPositions}), as MongoDB answers it from a sparse index: the outbox relay
         * looks for unpublished writes so every 30 s, and read every collection whole for it instead
         * (400,000 submissions held the collection's lock for 300 ms and stalled intake). A sparse index on
         * several fields is left out, as before (mongo-java-server keeps no secondary index at all).
         */
        @Override
        protected Index<Object> openOrCreateSecondaryIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            if (sparse && keys.size() != 1) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            List<IndexKey> withId = new ArrayList<>(keys);
            if (keys.stream().noneMatch(k -> k.getKey().equals("_id"))) {
                withId.add(new IndexKey("_id", true));
            }
            return index(collectionName, indexName, withId, sparse, true);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String fullName = getFullCollectionNamespace(collectionName);
            return new Collection(
                    this,
                    collectionName,
                    options,
                    dataMap(fullName),
                    metaMap(fullName),
                    cursorRegistry,
                    fullScans,
                    documentsRead);
        }

        private MVMap<Object, BsonDataTypes.Encoded> dataMap(String fullName) {
            return mvStore.openMap(
                    DATA_PREFIX + fullName, typed(BsonDataTypes.KeyType.INSTANCE, BsonDataTypes.EncodedType.INSTANCE));
        }

        private MVMap<String, Object> metaMap(String fullName) {
            return mvStore.openMap(META_PREFIX + fullName);
        }

        private String indexMapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            mvStore.removeMap(indexMapName(collection.getCollectionName(), indexName));
        }

        @Override
        public void drop(Oplog oplog) {
            super.drop(oplog);
            for (String name : List.copyOf(mvStore.getMapNames())) {
                if (name.startsWith(databaseName + ".")
                        || name.startsWith(DATA_PREFIX + databaseName + ".")
                        || name.startsWith(META_PREFIX + databaseName + ".")) {
                    mvStore.removeMap(name);
                }
            }
        }

        @Override
        public void dropCollection(String collectionName, Oplog oplog) {
            super.dropCollection(collectionName, oplog);
            String fullName = getFullCollectionNamespace(collectionName);
            mvStore.removeMap(dataMap(fullName));
            mvStore.removeMap(metaMap(fullName));
        }

        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String oldName = collection.getFullName();
            String newName = getFullCollectionNamespace(newCollectionName);
            mvStore.renameMap(dataMap(oldName), DATA_PREFIX + newName);
            mvStore.renameMap(metaMap(oldName), META_PREFIX + newName);
        }

        @Override
        protected long getStorageSize() {
            FileStore<?> file = mvStore.getFileStore();
            return file == null ? 0 : file.size();
        }

        @Override
        protected long getFileSize() {
            return getStorageSize();
        }
    }

    /**
     * A collection kept in one typed map from {@code _id} to the document's BSON bytes
     * ({@link BsonDataTypes.Encoded}), decoded when read. It answers a query through a unique index
     * whenever the query fixes every key of one, as MongoDB does, and filters the rest of the query on
     * those documents only: mongo-java-server uses an index only when the query names exactly the
     * index's keys and nothing else, so a guarded update ({@code _id} and {@code version}), or any
     * filter the driver renders as {@code $and}, read the whole collection. A range of {@code _id}s
     * reads only that part of the map, in order; a scan decodes only the documents the
     * {@link BsonPrefilter} lets through.
     */
    private static final class Collection extends AbstractSynchronizedMongoCollection<Object> {

        private static final String ID = "_id";
        private static final String DATA_SIZE_KEY = "dataSize";

        private final MVMap<Object, BsonDataTypes.Encoded> dataMap;
        private final MVMap<String, Object> metaMap;
        private final java.util.concurrent.atomic.LongAdder fullScans;
        private final java.util.concurrent.atomic.LongAdder documentsRead;

        Collection(
                MongoDatabase database,
                String name,
                CollectionOptions options,
                MVMap<Object, BsonDataTypes.Encoded> dataMap,
                MVMap<String, Object> metaMap,
                CursorRegistry cursorRegistry,
                java.util.concurrent.atomic.LongAdder fullScans,
                java.util.concurrent.atomic.LongAdder documentsRead) {
            super(database, name, options, cursorRegistry);
            this.dataMap = dataMap;
            this.metaMap = metaMap;
            this.fullScans = fullScans;
            this.documentsRead = documentsRead;
            metaMap.putIfAbsent(DATA_SIZE_KEY, 0L);
        }

        /**
         * No running total of the collection's data size: keeping it measured every document twice per
         * update (its BSON size before and after), and nothing here reads it. collStats reports no size.
         */
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected void updateDataSize(int sizeDelta) {
            synchronized (metaMap) {
                long size = ((Number) metaMap.get(DATA_SIZE_KEY)).longValue();
                metaMap.put(DATA_SIZE_KEY, size + sizeDelta);
            }
        }

        @Override
        protected int getDataSize() {
            return ((Number) metaMap.get(DATA_SIZE_KEY)).intValue();
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object key = getIdField() != null
                    ? Utils.getSubdocumentValue(document, getIdField())
                    : java.util.UUID.randomUUID();
            BsonDataTypes.Encoded previous = dataMap.put(Missing.ofNullable(key), BsonDataTypes.Encoded.of(document));
            if (previous != null) {
                throw new IllegalStateException("a document with the key " + key + " already exists in " + this);
            }
            return key;
        }

        @Override
        public int count() {
            return dataMap.size();
        }

        @Override
        public boolean isEmpty() {
            return dataMap.isEmpty();
        }

        @Override
        protected Document getDocument(Object position) {
            documentsRead.increment();
            BsonDataTypes.Encoded encoded = dataMap.get(position);
            return encoded == null ? null : encoded.decode();
        }

        @Override
        protected void removeDocument(Object position) {
            if (dataMap.remove(position) == null) {
                throw new java.util.NoSuchElementException("no document with the key " + position + " in " + this);
            }
        }

        /**
         * The first batch of a query's documents, bounded in size as MongoDB bounds it ({@link ReplyBatches}),
         * and a cursor with the rest.
         */
        @Override
        protected QueryResult createQueryResult(List<Document> documents, int batchSize) {
            int first = ReplyBatches.fitting(documents, 0, batchSize);
            if (first == documents.size()) {
                return new QueryResult(documents);
            }
            return new QueryResult(
                    documents.subList(0, first), createCursor(documents.subList(first, documents.size())));
        }

        @Override
        protected de.bwaldvogel.mongo.backend.Cursor createCursor(List<Document> remaining) {
            ReplyBatches.Cursor cursor = new ReplyBatches.Cursor(cursorRegistry.generateCursorId(), remaining);
            cursorRegistry.add(cursor);
            return cursor;
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            dataMap.put(Missing.ofNullable(position), BsonDataTypes.Encoded.of(newDocument));
        }

        /**
         * Every document, decoded one at a time as the stream is read: an aggregation (the driver's
         * countDocuments is one) otherwise started from a list of the whole collection, decoded, which
         * on a hundred thousand submissions did not fit a small heap.
         */
        @Override
        public Stream<Document> queryAllAsStream() {
            fullScans.increment();
            return dataMap.values().stream().map(BsonDataTypes.Encoded::decode);
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            fullScans.increment();
            return dataMap.entrySet().stream()
                    .map(e -> new DocumentWithPosition<>(e.getValue().decode(), e.getKey()));
        }

        /** The whole collection, in _id order (or the reverse), decoding what the prefilter lets through. */
        @Override
        protected QueryResult matchDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            fullScans.increment();
            if (LOG.isDebugEnabled()) {
                LOG.debugf("whole %s read for %s (no index answers it)", getCollectionName(), query.keySet());
            }
            Stream<Map.Entry<Object, BsonDataTypes.Encoded>> entries = dataMap.entrySet().stream();
            if (isNaturalDescending(orderBy)) {
                entries = entries.sorted((a, b) -> ValueComparator.desc().compare(a.getKey(), b.getKey()));
            }
            return scan(entries, null, query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * Matches the documents read in order from the data map (all, or those of an {@code _id} range),
         * decoding only those the prefilter lets through. A query that asks for nothing but the ids of
         * documents meeting plain equalities (and the range) is answered from the prefilter's certain
         * verdicts and the keys, without decoding those documents at all, as MongoDB answers a query
         * an index covers from the index alone: a sweep's planner reads a hundred thousand ids so.
         */
        private QueryResult scan(
                Stream<Map.Entry<Object, BsonDataTypes.Encoded>> entries,
                IdRange range,
                Document query,
                Document orderBy,
                int skip,
                int limit,
                int batchSize,
                Document fieldSelector) {
            // The range's own condition is the scan's to answer: it reads no further than the range.
            BsonPrefilter prefilter = BsonPrefilter.of(query, range == null ? null : ID);
            if (idsOnly(fieldSelector) && (orderBy == null || orderBy.isEmpty()) && prefilter.complete()) {
                Stream<Document> ids = entries.filter(e -> range == null || range.sameTypeAsBounds(e.getKey()))
                        .map(e -> switch (prefilter.judge(e.getValue().bytes())) {
                            case YES -> new Document(ID, e.getKey());
                            case NO -> null;
                            case MAYBE -> {
                                Document d = e.getValue().decode();
                                yield documentMatchesQuery(d, query) ? new Document(ID, e.getKey()) : null;
                            }
                        })
                        .filter(java.util.Objects::nonNull);
                return matchDocumentsFromStream(
                        ids, new Document(), new Document(), skip, limit, batchSize, fieldSelector);
            }
            Stream<Document> documents = entries.map(Map.Entry::getValue)
                    .filter(e -> prefilter.mayMatch(e.bytes()))
                    .map(BsonDataTypes.Encoded::decode);
            return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
        }

        /**
         * The documents of the longest run of an index that ends in {@code _id} and whose other keys the
         * conditions fix each to one value, in {@code _id} order from the lower bound of the conditions'
         * {@code _id} range, read lazily: when the query asks for {@code _id} order (or none), a limit stops
         * the reading. A sweep's planner pages through the live ads of a category so, a thousand ids after
         * the last one each time; read by their leading keys instead, every page read and sorted all the
         * category's live ads (a hundred thousand per page). Null when no index has such a run that fixes
         * at least {@code longerThan} keys, or the order asked for is another.
         *
         * <p>A query that asks for nothing but the ids, on nothing but the run's keys and the {@code _id}
         * range, is answered from the index's entries without reading the documents, as MongoDB answers a
         * covered query: a sweep's planner reads a hundred thousand ids so.
         */
        private QueryResult idOrderedRun(
                Document query,
                Document conditions,
                Document orderBy,
                int longerThan,
                int skip,
                int limit,
                int batchSize,
                Document fieldSelector) {
            if (orderBy != null && !idOrderOr(orderBy).isEmpty()) {
                return null;
            }
            Object idCondition = conditions.get(ID);
            IdRange range = idCondition instanceof Document d ? IdRange.of(d) : null;
            if (idCondition != null && range == null) {
                return null;
            }
            UniqueIndex best = null;
            int longest = Math.max(longerThan - 1, 0);
            for (Index<Object> index : getIndexes()) {
                if (index instanceof UniqueIndex unique && unique.idRunLength(conditions) > longest) {
                    best = unique;
                    longest = unique.idRunLength(conditions);
                }
            }
            if (best == null) {
                return null;
            }
            Stream<Object> positions = StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(
                            best.idRun(
                                    conditions,
                                    range == null ? null : range.from(),
                                    range != null && range.fromIncluded()),
                            Spliterator.ORDERED | Spliterator.NONNULL),
                    false);
            // Already in the order asked for: the limit stops the reading.
            if (idsOnly(fieldSelector) && best.covers(query, conditions)) {
                // The position is the _id; the run's keys hold the values asked for, so only the range is left.
                Document rest = idCondition == null ? new Document() : new Document(ID, idCondition);
                return matchDocumentsFromStream(
                        positions.map(position -> new Document(ID, position)),
                        rest,
                        new Document(),
                        skip,
                        limit,
                        batchSize,
                        fieldSelector);
            }
            return matchDocumentsFromStream(
                    positions.map(this::getDocument).filter(java.util.Objects::nonNull),
                    query,
                    new Document(),
                    skip,
                    limit,
                    batchSize,
                    fieldSelector);
        }

        /** A projection of {@code _id} alone. */
        private static boolean idsOnly(Document fieldSelector) {
            if (fieldSelector == null || fieldSelector.size() != 1) {
                return false;
            }
            Object include = fieldSelector.get(ID);
            return Boolean.TRUE.equals(include) || (include instanceof Number n && n.intValue() != 0);
        }

        @Override
        protected QueryResult queryDocuments(
                Document query, Document orderBy, int skip, int limit, int batchSize, Document fieldSelector) {
            Document conditions = fieldConditions(query);
            if (conditions != null) {
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof UniqueIndex unique) {
                        Document part = unique.restrictTo(conditions);
                        if (part != null && unique.canHandle(part)) {
                            // When the index answers the whole query exactly, nothing is left to filter:
                            // filtering a thousand ids found by {_id: {$in: [a thousand ids]}} again
                            // compared each with all of them.
                            Document rest = exactly(query, part) ? new Document() : query;
                            return matchDocuments(
                                    rest, unique.getPositions(part), orderBy, skip, limit, batchSize, fieldSelector);
                        }
                    }
                }
                UniqueIndex best = null;
                int longest = 0;
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof UniqueIndex unique && unique.prefixLength(conditions) > longest) {
                        best = unique;
                        longest = unique.prefixLength(conditions);
                    }
                }
                QueryResult run =
                        idOrderedRun(query, conditions, orderBy, longest, skip, limit, batchSize, fieldSelector);
                if (run != null) {
                    return run;
                }
                if (best != null) {
                    return matchDocuments(
                            query, best.prefixPositions(conditions), orderBy, skip, limit, batchSize, fieldSelector);
                }
                if (conditions.get(ID) instanceof Document condition && IdRange.of(condition) != null) {
                    IdRange range = IdRange.of(condition);
                    return scan(
                            range.entries(dataMap),
                            range,
                            query,
                            idOrderOr(orderBy),
                            skip,
                            limit,
                            batchSize,
                            fieldSelector);
                }
            }
            for (Index<Object> index : getIndexes()) {
                if (index.canHandle(query)) {
                    return super.queryDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                }
            }
            if (conditions != null) {
                for (Index<Object> index : getIndexes()) {
                    if (index instanceof UniqueIndex unique && unique.answersExists(conditions)) {
                        return matchDocuments(
                                query, unique.existsPositions(), orderBy, skip, limit, batchSize, fieldSelector);
                    }
                }
            }
            List<Object> union = orUnion(query);
            if (union != null) {
                return matchDocuments(query, union, orderBy, skip, limit, batchSize, fieldSelector);
            }
            return matchDocuments(query, idOrderOr(orderBy), skip, limit, batchSize, fieldSelector);
        }

        /**
         * The positions of the documents that meet some branch of an {@code $or} every match must meet (a
         * top-level one, or one in a top-level {@code $and}), when an index answers each branch: the union
         * of those lookups, each document once, as MongoDB plans an {@code $or} of indexed branches. The
         * whole query still filters them. A complaint lookup names an entity's credit codes, domains,
         * accounts and apps in four branches; without this it read every complaint in the store. Null
         * when there is no such {@code $or} or a branch would need a scan.
         */
        private List<Object> orUnion(Document query) {
            List<?> branches = null;
            if (query.get("$or") instanceof List<?> top) {
                branches = top;
            } else if (query.get("$and") instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d && d.size() == 1 && d.get("$or") instanceof List<?> inner) {
                        branches = inner;
                        break;
                    }
                }
            }
            if (branches == null || branches.isEmpty()) {
                return null;
            }
            java.util.LinkedHashSet<Object> positions = new java.util.LinkedHashSet<>();
            for (Object branch : branches) {
                List<Object> found = branch instanceof Document d ? indexed(d) : null;
                if (found == null) {
                    return null;
                }
                positions.addAll(found);
            }
            return new ArrayList<>(positions);
        }

        /** The positions a unique index finds for the query's own conditions (a superset of its matches), or null. */
        private List<Object> indexed(Document query) {
            Document conditions = fieldConditions(query);
            if (conditions == null) {
                return null;
            }
            UniqueIndex best = null;
            int longest = 0;
            for (Index<Object> index : getIndexes()) {
                if (index instanceof UniqueIndex unique) {
                    Document part = unique.restrictTo(conditions);
                    if (part != null && unique.canHandle(part)) {
                        List<Object> out = new ArrayList<>();
                        unique.getPositions(part).forEach(out::add);
                        return out;
                    }
                    if (unique.prefixLength(conditions) > longest) {
                        best = unique;
                        longest = unique.prefixLength(conditions);
                    }
                }
            }
            return best == null ? null : best.prefixPositions(conditions);
        }

        /**
         * The order to sort documents read from the data map in: none when it is ascending {@code _id},
         * the map's own order, so that a limited query stops at its limit instead of reading and sorting
         * the whole collection first.
         */
        private static Document idOrderOr(Document orderBy) {
            if (orderBy != null
                    && orderBy.size() == 1
                    && orderBy.get(ID) instanceof Number direction
                    && direction.intValue() == 1) {
                return new Document();
            }
            return orderBy;
        }

        /**
         * Whether the query is nothing but the index's conditions, each an equality with, or an
         * {@code $in} of, plain values (strings, ids, numbers, booleans): what the index finds is then
         * exactly what the query matches.
         */
        private static boolean exactly(Document query, Document part) {
            if (!query.keySet().equals(part.keySet())) {
                return false;
            }
            for (Object condition : part.values()) {
                if (condition instanceof Document d) {
                    if (d.size() != 1 || !(d.get("$in") instanceof java.util.Collection<?> values)) {
                        return false;
                    }
                    for (Object v : values) {
                        if (!plain(v)) {
                            return false;
                        }
                    }
                } else if (!plain(condition)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean plain(Object value) {
            return value instanceof String
                    || value instanceof ObjectId
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Boolean;
        }

        /**
         * The conditions on named fields that every matching document must meet: the top-level ones and
         * those of its {@code $and}s. Null when there are none; a field constrained twice is left
         * out (the full query still filters on it).
         */
        private static Document fieldConditions(Document query) {
            Document out = new Document();
            java.util.Set<String> repeated = new java.util.HashSet<>();
            collect(query, out, repeated);
            repeated.forEach(out::remove);
            return out.isEmpty() ? null : out;
        }

        /** The field conditions of a query and of its {@code $and}s, however deeply nested (the same query). */
        private static void collect(Document query, Document out, java.util.Set<String> repeated) {
            for (Entry<String, Object> e : query.entrySet()) {
                if (e.getKey().equals("$and") && e.getValue() instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (part instanceof Document d) {
                            collect(d, out, repeated);
                        }
                    }
                } else {
                    add(out, repeated, e.getKey(), e.getValue());
                }
            }
        }

        private static void add(Document out, java.util.Set<String> repeated, String field, Object condition) {
            if (field.startsWith("$")) {
                return;
            }
            if (out.containsKey(field)) {
                repeated.add(field);
            } else {
                out.put(field, condition);
            }
        }
    }

    /**
     * A range of {@code _id}s ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} of a plain value):
     * the documents in it are read from the data map, which is ordered by {@code _id}, from the lower
     * bound on, and no further than the upper bound. The whole query is still matched against each, so
     * the range only decides where reading starts and stops.
     */
    private record IdRange(Object from, boolean fromIncluded, Object to, boolean toIncluded) {

        /** The range a condition on {@code _id} sets, or null when it is anything else. */
        static IdRange of(Document condition) {
            Object from = null;
            Object to = null;
            boolean fromIncluded = false;
            boolean toIncluded = false;
            for (Entry<String, Object> e : condition.entrySet()) {
                Object v = e.getValue();
                if (!(v instanceof ObjectId || v instanceof String || v instanceof Number)) {
                    return null;
                }
                switch (e.getKey()) {
                    case "$gt" -> from = v;
                    case "$gte" -> {
                        from = v;
                        fromIncluded = true;
                    }
                    case "$lt" -> to = v;
                    case "$lte" -> {
                        to = v;
                        toIncluded = true;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (from == null && to == null) {
                return null;
            }
            return new IdRange(from, fromIncluded, to, toIncluded);
        }

        /**
         * Whether a key is of the bounds' type (numbers of any kind count as one): MongoDB compares
         * only within a type, so keys of other types the map holds in the range never match it.
         */
        boolean sameTypeAsBounds(Object key) {
            return sameType(key, from) && sameType(key, to);
        }

        private static boolean sameType(Object key, Object bound) {
            return bound == null
                    || (bound instanceof Number ? key instanceof Number : key.getClass() == bound.getClass());
        }

        Stream<Map.Entry<Object, BsonDataTypes.Encoded>> entries(MVMap<Object, BsonDataTypes.Encoded> dataMap) {
            Cursor<Object, BsonDataTypes.Encoded> cursor = dataMap.cursor(from);
            BsonDataTypes.KeyType order = BsonDataTypes.KeyType.INSTANCE;
            java.util.Iterator<Map.Entry<Object, BsonDataTypes.Encoded>> inRange = new java.util.Iterator<>() {
                private Map.Entry<Object, BsonDataTypes.Encoded> next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    while (next == null && !done) {
                        if (!cursor.hasNext()) {
                            done = true;
                            break;
                        }
                        Object key = cursor.next();
                        if (from != null && !fromIncluded && order.compare(key, from) == 0) {
                            continue;
                        }
                        if (to != null) {
                            int c = order.compare(key, to);
                            if (c > 0 || (c == 0 && !toIncluded)) {
                                done = true;
                                break;
                            }
                        }
                        next = Map.entry(key, cursor.getValue());
                    }
                    return next != null;
                }

                @Override
                public Map.Entry<Object, BsonDataTypes.Encoded> next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Map.Entry<Object, BsonDataTypes.Encoded> d = next;
                    next = null;
                    return d;
                }
            };
            return StreamSupport.stream(
                    Spliterators.spliteratorUnknownSize(inRange, Spliterator.ORDERED | Spliterator.NONNULL), false);
        }
    }

    /**
     * What mongo-java-server's {@code Index.getKeyValues} gives for a document whose index keys are all
     * top-level fields (no dotted path) holding no array: one key value of each field's value, normalised as
     * it normalises (absent or null is null, an int is the double of it, -0.0 is 0.0; a string, an id, a
     * boolean or a date is itself). Null, to leave the document to it, when a key is a path, or a value is an
     * array, a sub-document, or a number of another kind (whose normal form it decides).
     * {@code IndexKeyValuesTest} holds the two to the same answers on random documents.
     */
    static Set<KeyValue> plainKeyValues(List<String> keys, Document document) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            String key = keys.get(i);
            if (key.indexOf('.') >= 0 || key.equals("$") || key.isEmpty()) {
                return null;
            }
            Object value = document.getOrMissing(key);
            if (value == null || value instanceof Missing) {
                values[i] = null;
            } else if (value instanceof Integer n) {
                values[i] = Double.valueOf(n.doubleValue());
            } else if (value instanceof Double d) {
                values[i] = d == 0.0 ? Double.valueOf(0.0) : d;
            } else if (value instanceof Number || value instanceof Map || value instanceof java.util.Collection) {
                return null;
            } else {
                values[i] = value;
            }
        }
        return java.util.Collections.singleton(new KeyValue(java.util.Arrays.asList(values)));
    }

    /**
     * What mongo-java-server's {@code Index.getKeyValues} gives for an index on one path and {@code _id},
     * when the path runs through documents and arrays of documents to strings or ids and the {@code _id} is
     * a string or an id: one key value (value, {@code _id}) per value found (an outbox of three items has
     * three). Null, to leave the document to it, for anything else (a missing step, another kind of value).
     * Its own computation splits the path with a regular expression and streams it, at every write of a
     * document with the field (each submission's outbox, written and cleared). {@code IndexKeyValuesTest}
     * holds the two to the same answers on random documents.
     */
    static Set<KeyValue> pathKeyValues(String[] steps, Document document) {
        Object id = document.get("_id");
        if (!(id instanceof String || id instanceof ObjectId)) {
            return null;
        }
        List<Object> leaves = new ArrayList<>();
        if (!leaves(document, steps, 0, leaves) || leaves.isEmpty()) {
            return null;
        }
        Set<KeyValue> out = new java.util.LinkedHashSet<>();
        for (Object leaf : leaves) {
            out.add(new KeyValue(java.util.Arrays.asList(leaf, id)));
        }
        return out;
    }

    private static boolean leaves(Object value, String[] steps, int i, List<Object> out) {
        if (i == steps.length) {
            if (value instanceof String || value instanceof ObjectId) {
                out.add(value);
                return true;
            }
            return false;
        }
        if (value instanceof Document d) {
            Object next = d.getOrMissing(steps[i]);
            return !(next instanceof Missing) && leaves(next, steps, i + 1, out);
        }
        if (value instanceof List<?> list && i > 0) {
            for (Object element : list) {
                if (!(element instanceof Document) || !leaves(element, steps, i, out)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** A unique index as one typed map from key values to the position (the _id) of their document. */
    private static final class UniqueIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<Object, Object> map;

        private final List<String> keyNames;

        /** A non-unique index kept with {@code _id} as its last key: no key of it can be taken twice. */
        private final boolean secondary;

        /** The {@code _id} index. */
        private final boolean primary;

        /**
         * The one field of a sparse secondary index (its keys are the field and {@code _id}); null for any
         * other index. Only documents that have the field have entries.
         */
        private final String sparseField;

        /** {@link #sparseField}'s path, split once (every write of a document asks {@link #holds}). */
        private final String[] sparseSteps;

        UniqueIndex(MVMap<Object, Object> map, String name, List<IndexKey> keys, boolean sparse, boolean secondary) {
            super(name, keys, sparse);
            this.map = map;
            this.keyNames = keys.stream().map(IndexKey::getKey).toList();
            this.secondary = secondary;
            this.primary = keyNames.equals(List.of("_id"));
            this.sparseField = sparse
                            && secondary
                            && keyNames.size() == 2
                            && keyNames.get(1).equals("_id")
                    ? keyNames.get(0)
                    : null;
            this.sparseSteps = sparseField == null ? null : sparseField.split("\\.");
        }

        /**
         * Whether a document has entries here: any document, unless this is a sparse index and the document
         * lacks its field (a field that is there with the value null counts as there, as in MongoDB; an
         * array counts when one of its elements has the rest of the path: {@code outbox.key} is in
         * {@code {outbox: [{key: "k"}]}} but not in {@code {outbox: []}}).
         */
        boolean holds(Document document) {
            return sparseSteps == null || hasPath(document, sparseSteps, 0);
        }

        private static boolean hasPath(Object value, String[] steps, int i) {
            if (i == steps.length) {
                return true;
            }
            if (value instanceof Document d) {
                Object next = d.getOrMissing(steps[i]);
                return !(next instanceof Missing) && hasPath(next, steps, i + 1);
            }
            if (value instanceof List<?> list) {
                for (Object element : list) {
                    if (hasPath(element, steps, i)) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** A document without this sparse index's field has no entries to add. */
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            if (holds(document)) {
                super.add(document, position, collection);
            }
        }

        /** ... nor any to remove. */
        @Override
        public synchronized Object remove(Document document) {
            return holds(document) ? super.remove(document) : null;
        }

        /** Whether this is a sparse index on a field the conditions ask to exist ({@code $exists: true}). */
        boolean answersExists(Document conditions) {
            return sparseField != null
                    && conditions.get(sparseField) instanceof Document condition
                    && condition.size() == 1
                    && Boolean.TRUE.equals(condition.get("$exists"));
        }

        /** The positions of the documents that have this sparse index's field, each once (arrays give several entries). */
        List<Object> existsPositions() {
            java.util.LinkedHashSet<Object> positions = new java.util.LinkedHashSet<>();
            for (Object position : map.values()) {
                positions.add(position);
            }
            return new ArrayList<>(positions);
        }

        /**
         * A secondary index refuses nothing: its keys end with the {@code _id}, which the primary index
         * has already checked (the collection checks every index before it adds to any), so the check,
         * made twice per insert and once per update, is skipped.
         */
        @Override
        public synchronized void checkAdd(Document document, MongoCollection<Object> collection) {
            if (!secondary) {
                super.checkAdd(document, collection);
            }
        }

        /**
         * A document's key values in this index: {@link #plainKeyValues} when it can tell them, else
         * mongo-java-server's own computation, which splits each key's path with a regular expression and
         * streams its parts, for every index, several times per insert and update (a tenth of the store's
         * time in a 100,000-ad suspension sweep, issue 16).
         */
        @Override
        public Set<KeyValue> getKeyValues(Document document) {
            Set<KeyValue> plain =
                    sparseSteps != null ? pathKeyValues(sparseSteps, document) : plainKeyValues(keyNames, document);
            return plain != null ? plain : super.getKeyValues(document);
        }

        /**
         * Where a document is, asked of every index by mongo-java-server only to find the document an update
         * matched ({@code AbstractMongoCollection.getSinglePosition}, which takes the one non-null answer).
         * The {@code _id} index, which every collection has, answers it; every other index would look the
         * same document up again under its own keys (ten lookups per update of a submission, the costliest
         * part of finding it in a 100,000-ad sweep, issue 16), so it answers null.
         */
        @Override
        public Object getPosition(Document document) {
            return primary ? super.getPosition(document) : null;
        }

        /**
         * The key names, made once: mongo-java-server makes this list anew (a stream of the keys) each time
         * it computes a document's key values, several times per insert and update for every index.
         */
        @Override
        protected List<String> keys() {
            return keyNames;
        }

        /**
         * An update that leaves every key of this index as it was (most do: an outbox cleared, a version
         * raised) changes nothing here. mongo-java-server finds that out by computing the key values of
         * the old and the new document, twice per index; comparing the keys' top-level values is enough
         * when they are equal. Any other case (a dotted key, a value that differs) is left to it.
         */
        private boolean sameKeys(Document before, Document after) {
            for (String key : keyNames) {
                // A dotted key's values are all under its first step: equal there, equal all the way down.
                String top = key.indexOf('.') >= 0 ? key.substring(0, key.indexOf('.')) : key;
                // (Missing and null differ: a sparse index holds a null field but not a missing one.)
                if (!java.util.Objects.equals(before.getOrMissing(top), after.getOrMissing(top))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public synchronized void checkUpdate(Document before, Document after, MongoCollection<Object> collection) {
            if (!secondary && !sameKeys(before, after)) {
                super.checkUpdate(before, after, collection);
            }
        }

        @Override
        public void updateInPlace(Document before, Document after, Object position, MongoCollection<Object> collection)
                throws de.bwaldvogel.mongo.exception.KeyConstraintError {
            if (!sameKeys(before, after)) {
                super.updateInPlace(before, after, position, collection);
            }
        }

        /** At most this many combinations of {@code $in} values are looked up in the index for one query. */
        private static final int MAX_PREFIXES = 10_000;

        /**
         * How many leading keys of this (compound, not sparse) index the conditions fix to a plain string
         * or id, or to a {@code $in} of such, when that is some but not all of them: a query on an ad's
         * account and id finds its revisions in the ({@code accountId}, {@code adId}, {@code revision})
         * index, and one on an account and a hundred ad ids finds theirs, without reading the account's
         * other ads. Values of other types are left to the full scan, because the index holds them
         * normalised.
         */
        int prefixLength(Document conditions) {
            if (isSparse() || keyNames.size() < 2) {
                return 0;
            }
            int n = 0;
            long combinations = 1;
            for (String key : keyNames) {
                List<Object> values = plainValues(conditions.get(key));
                if (values == null || combinations * values.size() > MAX_PREFIXES) {
                    break;
                }
                combinations *= values.size();
                n++;
            }
            return n == keyNames.size() ? 0 : n;
        }

        /**
         * The values a condition fixes a key to, in the index's order and each once: a plain string or id,
         * or a {@code $in} (and nothing else) of those; null for any other condition.
         */
        private static List<Object> plainValues(Object condition) {
            if (condition instanceof String || condition instanceof ObjectId) {
                return List.of(condition);
            }
            if (!(condition instanceof Document d)
                    || d.size() != 1
                    || !(d.get("$in") instanceof java.util.Collection<?> in)) {
                return null;
            }
            java.util.TreeSet<Object> values = new java.util.TreeSet<>(BsonDataTypes.KeyType.INSTANCE::compare);
            for (Object value : in) {
                if (!(value instanceof String || value instanceof ObjectId)) {
                    return null;
                }
                values.add(value);
            }
            return values.isEmpty() ? null : new ArrayList<>(values);
        }

        /**
         * The positions of every entry whose leading keys have values the conditions allow, in key order:
         * for each combination of the allowed values, in order, the entries that start with it.
         */
        List<Object> prefixPositions(Document conditions) {
            int n = prefixLength(conditions);
            List<List<Object>> prefixes = new ArrayList<>();
            prefixes.add(List.of());
            for (int i = 0; i < n; i++) {
                List<List<Object>> longer = new ArrayList<>();
                for (List<Object> prefix : prefixes) {
                    for (Object value : plainValues(conditions.get(keyNames.get(i)))) {
                        List<Object> next = new ArrayList<>(prefix);
                        next.add(value);
                        longer.add(next);
                    }
                }
                prefixes = longer;
            }
            List<Object> positions = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                // A key holding just the prefix sorts before every longer key that starts with it.
                Cursor<Object, Object> cursor = map.cursor(new KeyValue(prefix));
                entries:
                while (cursor.hasNext()) {
                    KeyValue key = (KeyValue) cursor.next();
                    for (int i = 0; i < n; i++) {
                        if (BsonDataTypes.KeyType.INSTANCE.compare(key.get(i), prefix.get(i)) != 0) {
                            break entries;
                        }
                    }
                    positions.add(cursor.getValue());
                }
            }
            return positions;
        }

        /**
         * How many keys the conditions fix when this index ends in {@code _id} (ascending) and they fix every
         * key before it to one plain value (a string, an id or a boolean, held in the index as given): its
         * entries with those values are then in {@code _id} order ({@link #idRun}). 0 otherwise.
         */
        int idRunLength(Document conditions) {
            int last = keyNames.size() - 1;
            if (isSparse()
                    || last < 1
                    || !keyNames.get(last).equals("_id")
                    || !getKeys().get(last).isAscending()) {
                return 0;
            }
            for (int i = 0; i < last; i++) {
                Object value = conditions.get(keyNames.get(i));
                if (!(value instanceof String || value instanceof ObjectId || value instanceof Boolean)) {
                    return 0;
                }
            }
            return last;
        }

        /**
         * Whether the query is nothing but the conditions of a run of this index ({@link #idRunLength}): its
         * keys fixed to their values and at most a condition on {@code _id}, each field once, at the top
         * level or in its {@code $and}s.
         */
        boolean covers(Document query, Document conditions) {
            java.util.Set<String> fields = new java.util.HashSet<>();
            if (!fieldsOnce(query, fields)) {
                return false;
            }
            int n = idRunLength(conditions);
            java.util.Set<String> run = new java.util.HashSet<>(keyNames.subList(0, n + 1));
            return run.containsAll(fields) && fields.containsAll(keyNames.subList(0, n));
        }

        /** Adds the query's fields (its {@code $and}s' too) to the set; false if one comes twice or a part is not a query. */
        private static boolean fieldsOnce(Document query, java.util.Set<String> fields) {
            for (Entry<String, Object> e : query.entrySet()) {
                if (e.getKey().equals("$and") && e.getValue() instanceof List<?> parts) {
                    for (Object part : parts) {
                        if (!(part instanceof Document d) || !fieldsOnce(d, fields)) {
                            return false;
                        }
                    }
                } else if (!fields.add(e.getKey())) {
                    return false;
                }
            }
            return true;
        }

        /**
         * The positions of the entries whose keys before {@code _id} hold the values the conditions fix
         * ({@link #idRunLength} must be positive), in {@code _id} order, from {@code from} on when it is
         * given (the entry of {@code from} itself only if included), read as they are asked for. The query's
         * own condition on {@code _id} still decides (ids of other types come later in the index).
         */
        java.util.Iterator<Object> idRun(Document conditions, Object from, boolean fromIncluded) {
            int n = idRunLength(conditions);
            List<Object> prefix = new ArrayList<>(n + 1);
            for (int i = 0; i < n; i++) {
                prefix.add(conditions.get(keyNames.get(i)));
            }
            List<Object> start = new ArrayList<>(prefix);
            if (from != null) {
                start.add(from);
            }
            Cursor<Object, Object> cursor = map.cursor(new KeyValue(start));
            BsonDataTypes.KeyType order = BsonDataTypes.KeyType.INSTANCE;
            return new java.util.Iterator<>() {
                private Object next;
                private boolean done;

                @Override
                public boolean hasNext() {
                    if (next == null && !done) {
                        if (cursor.hasNext()) {
                            KeyValue key = (KeyValue) cursor.next();
                            for (int i = 0; i < n; i++) {
                                if (order.compare(key.get(i), prefix.get(i)) != 0) {
                                    done = true;
                                    return false;
                                }
                            }
                            if (from != null && !fromIncluded && order.compare(key.get(n), from) == 0) {
                                return hasNext(); // the bound itself, excluded
                            }
                            next = cursor.getValue();
                        } else {
                            done = true;
                        }
                    }
                    return next != null;
                }

                @Override
                public Object next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    Object position = next;
                    next = null;
                    return position;
                }
            };
        }

        /** The conditions on this index's keys, or null unless the conditions fix every one of them. */
        Document restrictTo(Document conditions) {
            Document part = new Document();
            for (String key : keyNames) {
                if (!conditions.containsKey(key)) {
                    return null;
                }
                part.put(key, conditions.get(key));
            }
            return part;
        }

        @Override
        protected Object removeDocument(KeyValue keyValue) {
            return map.remove(keyValue);
        }

        @Override
        protected boolean putKeyPosition(KeyValue keyValue, Object position) {
            return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        protected Iterable<Entry<KeyValue, Object>> getIterable() {
            return (Iterable) map.entrySet();
        }

        @Override
        protected Object getPosition(KeyValue keyValue) {
            return map.get(keyValue);
        }

        @Override
        public long getCount() {
            return map.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }
}
