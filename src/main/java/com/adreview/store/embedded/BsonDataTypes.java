package com.adreview.store.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

/**
 * How the embedded store keeps documents and keys in its H2 MVStore: as BSON, compared the way
 * MongoDB compares values.
 *
 * <p>mongo-java-server's own H2 backend opens every map with H2's generic object type, which writes
 * documents with Java serialization and compares index keys, which are not {@link Comparable}, by
 * serialising both sides on every step of every binary search. That made one update by {@code _id}
 * cost about a millisecond on 100,000 documents, most of it in {@code ObjectOutputStream}. These two
 * types store the same data as BSON and compare keys directly.
 */
final class BsonDataTypes {

    private BsonDataTypes() {}

    /**
     * A document as the store keeps it: its BSON bytes, decoded only when it is read. Pages of the data
     * map hold these, so writing a page copies bytes instead of encoding every document in it again,
     * the cache holds several times as many documents, and a scan can look at a document's fields
     * ({@link BsonPrefilter}) without decoding it.
     */
    static final class Encoded {

        private final byte[] bson;

        Encoded(byte[] bson) {
            this.bson = bson;
        }

        static Encoded of(Document document) {
            ByteBuf buf = ENCODING.get();
            buf.clear();
            BsonEncoder.encodeDocument(document, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            if (buf.capacity() > 1024 * 1024) {
                ENCODING.remove(); // one huge document should not keep its buffer for good
            }
            return new Encoded(bytes);
        }

        byte[] bytes() {
            return bson;
        }

        Document decode() {
            return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Encoded other && java.util.Arrays.equals(bson, other.bson);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bson);
        }
    }

    /**
     * The values of a collection's data map: a varint length, then the document's BSON. The same bytes
     * as the decoded documents this store kept before, so files written either way read either way.
     */
    static final class EncodedType extends BasicDataType<Encoded> {

        static final EncodedType INSTANCE = new EncodedType();

        @Override
        public int getMemory(Encoded document) {
            return 32 + document.bson.length;
        }

        @Override
        public void write(WriteBuffer out, Encoded document) {
            out.putVarInt(document.bson.length);
            out.put(document.bson);
        }

        @Override
        public Encoded read(ByteBuffer in) {
            byte[] bson = new byte[DataUtils.readVarInt(in)];
            in.get(bson);
            return new Encoded(bson);
        }

        @Override
        public Encoded[] createStorage(int size) {
            return new Encoded[size];
        }
    }

    /**
     * Keys of data maps (a document's {@code _id}), keys of unique indexes ({@link KeyValue}s) and
     * the positions indexes point at (again an {@code _id}, or {@link Missing}). One type for all
     * three: a tag byte, then the value(s) as a BSON document.
     */
    static final class KeyType extends BasicDataType<Object> {

        static final KeyType INSTANCE = new KeyType();

        private static final byte MISSING = 0;
        /** A key or value as a BSON document: any type (what every release before the compact tags wrote). */
        private static final byte KEY_VALUE = 1;

        private static final byte VALUE = 2;
        /** A key or value of everyday types only, each written as a type byte and its bytes (below). */
        private static final byte COMPACT_KEY_VALUE = 3;

        private static final byte COMPACT_VALUE = 4;

        private static final byte T_NULL = 0;
        private static final byte T_STRING = 1;
        private static final byte T_OBJECT_ID = 2;
        private static final byte T_LONG = 3;
        private static final byte T_INT = 4;
        private static final byte T_DOUBLE = 5;
        private static final byte T_TRUE = 6;
        private static final byte T_FALSE = 7;
        private static final byte T_INSTANT = 8;
        private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();

        @Override
        public int compare(Object a, Object b) {
            if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
                int n = Math.min(ka.size(), kb.size());
                for (int i = 0; i < n; i++) {
                    int c = compareValues(ka.get(i), kb.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return Integer.compare(ka.size(), kb.size());
            }
            int ta = tag(a);
            int tb = tag(b);
            if (ta != tb) {
                return Integer.compare(ta, tb);
            }
            return ta == MISSING ? 0 : compareValues(a, b);
        }

        /**
         * What {@link ValueComparator} answers, without its walk over the type order when both values are
         * of the same everyday class (ids, strings, normalised numbers): that walk was the largest cost
         * left on every index lookup.
         */
        private static int compareValues(Object a, Object b) {
            if (a != null && b != null && a.getClass() == b.getClass()) {
                if (a instanceof ObjectId x) {
                    return x.compareTo((ObjectId) b);
                }
                if (a instanceof String x) {
                    return x.compareTo((String) b);
                }
                if (a instanceof Double x) {
                    return Double.compare(x, (Double) b);
                }
                if (a instanceof Long x) {
                    return Long.compare(x, (Long) b);
                }
            }
            return ORDER.compare(a, b);
        }

        @Override
        public int getMemory(Object key) {
            if (key instanceof KeyValue kv) {
                int memory = 24;
                for (Object value : kv) {
                    memory += estimateValue(value);
                }
                return memory;
            }
            return estimateValue(key);
        }

        /**
         * Keys and values of everyday types (strings, ids, numbers, booleans, dates, null: every key the
         * service makes) are written compactly: a page of an index is rewritten whole at each commit that
         * changes it, and encoding each of its keys as a BSON document was the largest cost of a commit.
         * Anything else is written as before; both forms are read.
         */
        @Override
        public void write(WriteBuffer out, Object key) {
            if (key instanceof KeyValue kv && compact(kv)) {
                out.put(COMPACT_KEY_VALUE);
                out.putVarInt(kv.size());
                for (Object value : kv) {
                    writeCompact(out, value);
                }
                return;
            }
            if (!(key instanceof KeyValue) && !(key instanceof Missing) && compact(key)) {
                out.put(COMPACT_VALUE);
                writeCompact(out, key);
                return;
            }
            writeBsonForm(out, key);
        }

        /** The form every release before the compact one wrote, for any key (and for tests: files of then). */
        void writeBsonForm(WriteBuffer out, Object key) {
            byte tag = tag(key);
            out.put(tag);
            if (tag == KEY_VALUE) {
                Document values = new Document();
                int i = 0;
                for (Object value : (KeyValue) key) {
                    values.put(Integer.toString(i++), value);
                }
                writeBson(out, values);
            } else if (tag == VALUE) {
                Document value = new Document();
                value.put("v", key);
                writeBson(out, value);
            }
        }

        @Override
        public Object read(ByteBuffer in) {
            byte tag = in.get();
            switch (tag) {
                case MISSING:
                    return Missing.getInstance();
                case KEY_VALUE:
                    return new KeyValue(new ArrayList<>(readBson(in).values()));
                case VALUE:
                    return readBson(in).get("v");
                case COMPACT_KEY_VALUE: {
                    int n = DataUtils.readVarInt(in);
                    List<Object> values = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        values.add(readCompact(in));
                    }
                    return new KeyValue(values);
                }
                case COMPACT_VALUE:
                    return readCompact(in);
                default:
                    throw new IllegalStateException("unknown key tag " + tag + " in the embedded store");
            }
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }

        private static boolean compact(KeyValue key) {
            for (Object value : key) {
                if (!compact(value)) {
                    return false;
                }
            }
            return true;
        }

        /** The classes a BSON round trip gives back as they are, which the compact form writes. */
        private static boolean compact(Object value) {
            return value == null
                    || value instanceof String
                    || value instanceof ObjectId
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Double
                    || value instanceof Boolean
                    || value instanceof java.time.Instant;
        }

        private static void writeCompact(WriteBuffer out, Object value) {
            if (value == null) {
                out.put(T_NULL);
            } else if (value instanceof String v) {
                byte[] utf8 = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.put(T_STRING).putVarInt(utf8.length).put(utf8);
            } else if (value instanceof ObjectId v) {
                out.put(T_OBJECT_ID).put(v.toByteArray());
            } else if (value instanceof Long v) {
                out.put(T_LONG).putLong(v);
            } else if (value instanceof Integer v) {
                out.put(T_INT).putInt(v);
            } else if (value instanceof Double v) {
                out.put(T_DOUBLE).putLong(Double.doubleToRawLongBits(v));
            } else if (value instanceof Boolean v) {
                out.put(v ? T_TRUE : T_FALSE);
            } else if (value instanceof java.time.Instant v) {
                out.put(T_INSTANT).putLong(v.toEpochMilli());
            } else {
                throw new IllegalArgumentException("not a compact key value: " + value.getClass());
            }
        }

        private static Object readCompact(ByteBuffer in) {
            byte type = in.get();
            switch (type) {
                case T_NULL:
                    return null;
                case T_STRING: {
                    byte[] utf8 = new byte[DataUtils.readVarInt(in)];
                    in.get(utf8);
                    return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
                }
                case T_OBJECT_ID: {
                    byte[] id = new byte[12];
                    in.get(id);
                    return new ObjectId(id);
                }
                case T_LONG:
                    return in.getLong();
                case T_INT:
                    return in.getInt();
                case T_DOUBLE:
                    return Double.longBitsToDouble(in.getLong());
                case T_TRUE:
                    return Boolean.TRUE;
                case T_FALSE:
                    return Boolean.FALSE;
                case T_INSTANT:
                    return java.time.Instant.ofEpochMilli(in.getLong());
                default:
                    throw new IllegalStateException("unknown compact key type " + type + " in the embedded store");
            }
        }

        private static byte tag(Object key) {
            if (key instanceof Missing) {
                return MISSING;
            }
            return key instanceof KeyValue ? KEY_VALUE : VALUE;
        }
    }

    /**
     * A buffer per thread to encode into, kept between calls: a fresh small one grew by doubling, and
     * copying, several times for every document the store wrote.
     */
    private static final ThreadLocal<ByteBuf> ENCODING = ThreadLocal.withInitial(() -> Unpooled.buffer(64 * 1024));

    private static void writeBson(WriteBuffer out, Document document) {
        ByteBuf buf = ENCODING.get();
        buf.clear();
        BsonEncoder.encodeDocument(document, buf);
        int length = buf.readableBytes();
        out.putVarInt(length);
        out.put(buf.nioBuffer(buf.readerIndex(), length));
        if (buf.capacity() > 1024 * 1024) {
            ENCODING.remove(); // one huge document should not keep its buffer for good
        }
    }

    private static Document readBson(ByteBuffer in) {
        int length = DataUtils.readVarInt(in);
        ByteBuffer slice = in.slice();
        slice.limit(length);
        in.position(in.position() + length);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    /**
     * A cheap estimate of the heap a value takes, which the MVStore uses to size pages and its cache:
     * close enough to keep pages near their intended size, without encoding the value to measure it.
     */
    static int estimate(Map<String, ?> document) {
        int memory = 48;
        for (Map.Entry<String, ?> e : document.entrySet()) {
            memory += 32 + 2 * e.getKey().length() + estimateValue(e.getValue());
        }
        return memory;
    }

    private static int estimateValue(Object value) {
        if (value == null || value instanceof Missing) {
            return 8;
        }
        if (value instanceof String s) {
            return 40 + 2 * s.length();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> doc = (Map<String, ?>) map;
            return estimate(doc);
        }
        if (value instanceof Collection<?> list) {
            int memory = 40;
            for (Object element : list) {
                memory += 8 + estimateValue(element);
            }
            return memory;
        }
        if (value instanceof KeyValue kv) {
            List<Object> values = new ArrayList<>();
            kv.forEach(values::add);
            return estimateValue(values);
        }
        return 24;
    }
}
