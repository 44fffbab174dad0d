package com.adreview.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

class BsonDataTypesTest {

    private static final BsonDataTypes.EncodedType DOCUMENTS = BsonDataTypes.EncodedType.INSTANCE;
    private static final BsonDataTypes.KeyType KEYS = BsonDataTypes.KeyType.INSTANCE;

    @Test
    void aDocumentOfEveryTypeTheServiceStoresComesBackEqual() {
        Document nested = new Document("text", "市场有风险，出借需谨慎");
        nested.put("amount", new Decimal128(new BigDecimal("200000000.50")));
        Document doc = new Document("_id", new ObjectId());
        doc.put("string", "北京恒远网络科技有限公司");
        doc.put("int", 42);
        doc.put("long", 1L << 40);
        doc.put("double", 0.185);
        doc.put("bool", true);
        doc.put("null", null);
        doc.put("date", Instant.parse("2026-11-22T04:00:00.123Z"));
        doc.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        doc.put("nested", nested);
        doc.put("list", new ArrayList<>(List.of("a", 1, new Document("k", List.of()))));

        assertThat(roundTrip(DOCUMENTS, BsonDataTypes.Encoded.of(doc)).decode()).isEqualTo(doc);
    }

    /** Stores written when the data map held decoded documents stay readable: the bytes are the same. */
    @Test
    void aStoredDocumentIsItsLengthThenItsBson() {
        Document doc =
                new Document("_id", new ObjectId()).append("status", "APPROVED").append("version", 3L);
        io.netty.buffer.ByteBuf bson = io.netty.buffer.Unpooled.buffer();
        de.bwaldvogel.mongo.wire.bson.BsonEncoder.encodeDocument(doc, bson);
        byte[] expected = new byte[bson.readableBytes()];
        bson.getBytes(0, expected);

        WriteBuffer out = new WriteBuffer();
        DOCUMENTS.write(out, BsonDataTypes.Encoded.of(doc));
        ByteBuffer written = out.getBuffer();
        written.flip();
        assertThat(org.h2.mvstore.DataUtils.readVarInt(written)).isEqualTo(expected.length);
        byte[] rest = new byte[written.remaining()];
        written.get(rest);
        assertThat(rest).isEqualTo(expected);
    }

    @Test
    void keysPositionsAndMissingComeBackAsTheyWent() {
        ObjectId id = new ObjectId();
        assertThat(roundTrip(KEYS, id)).isEqualTo(id);
        assertThat(roundTrip(KEYS, 17L)).isEqualTo(17L);
        assertThat(roundTrip(KEYS, "lease:webhook")).isEqualTo("lease:webhook");
        assertThat(roundTrip(KEYS, Missing.getInstance())).isInstanceOf(Missing.class);
        KeyValue compound = new KeyValue("acct-1", "ad-1", 3.0);
        assertThat(roundTrip(KEYS, compound)).isEqualTo(compound);
        KeyValue withNull = new KeyValue(Arrays.asList("x", null));
        assertThat(roundTrip(KEYS, withNull)).isEqualTo(withNull);
    }

    /**
     * Keys of everyday types are written in the compact form and come back as the same classes and values
     * the BSON form gave; keys written in the BSON form (every file of an earlier release) still read.
     */
    @Test
    void everydayKeysAreWrittenCompactlyAndKeysOfEarlierFilesStillRead() {
        List<Object> keys = List.of(
                new ObjectId(),
                "lease:webhook",
                "北京恒远网络科技有限公司",
                "",
                17L,
                Long.MIN_VALUE,
                42,
                -0.0,
                Double.NaN,
                0.185,
                true,
                false,
                Instant.parse("2026-11-22T04:00:00.123Z"),
                new KeyValue("acct-1", "ad-1", 3.0),
                new KeyValue(Arrays.asList("x", null, true, Instant.EPOCH, new ObjectId(), 7, 8L)),
                new KeyValue(Arrays.asList((Object) null)));
        for (Object key : keys) {
            WriteBuffer compact = new WriteBuffer();
            KEYS.write(compact, key);
            ByteBuffer c = compact.getBuffer();
            c.flip();
            assertThat(c.get(0)).as("the tag of %s", key).isIn((byte) 3, (byte) 4);

            WriteBuffer legacy = new WriteBuffer();
            KEYS.writeBsonForm(legacy, key);
            ByteBuffer l = legacy.getBuffer();
            l.flip();
            Object fromCompact = KEYS.read(c);
            Object fromBson = KEYS.read(l);
            assertThat(fromCompact).as("%s", key).isEqualTo(fromBson).isEqualTo(key);
            assertThat(c.remaining()).isZero();
            if (key instanceof KeyValue kv) {
                List<Object> a = new ArrayList<>();
                ((KeyValue) fromCompact).forEach(a::add);
                List<Object> b = new ArrayList<>();
                ((KeyValue) fromBson).forEach(b::add);
                assertThat(a)
                        .extracting(v -> v == null ? null : v.getClass())
                        .isEqualTo(b.stream()
                                .map(v -> v == null ? null : v.getClass())
                                .toList());
            } else {
                assertThat(fromCompact.getClass()).isEqualTo(fromBson.getClass());
            }
        }
        // A type the compact form does not know goes in the BSON form, and comes back.
        KeyValue other = new KeyValue("a", new Decimal128(new BigDecimal("1.5")));
        WriteBuffer out = new WriteBuffer();
        KEYS.write(out, other);
        ByteBuffer in = out.getBuffer();
        in.flip();
        assertThat(in.get(0)).isEqualTo((byte) 1);
        assertThat(KEYS.read(in)).isEqualTo(other);
    }

    /** The order of keys must be MongoDB's, which is what mongo-java-server's comparator implements. */
    @Test
    void keysAreOrderedAsMongoDbOrdersValues() {
        Random random = new Random(20261201);
        ValueComparator mongo = ValueComparator.ascWithoutListHandling();
        for (int i = 0; i < 20_000; i++) {
            Object a = randomValue(random);
            Object b = randomValue(random);
            assertThat(Integer.signum(KEYS.compare(a, b)))
                    .as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(mongo.compare(a, b)));
            KeyValue ka = new KeyValue(a, "same");
            KeyValue kb = new KeyValue(b, "same");
            assertThat(Integer.signum(KEYS.compare(ka, kb))).isEqualTo(Integer.signum(mongo.compare(a, b)));
        }
    }

    private static Object randomValue(Random random) {
        switch (random.nextInt(6)) {
            case 0:
                return new ObjectId();
            case 1:
                return "k" + random.nextInt(50);
            case 2:
                return (double) random.nextInt(50) - 25;
            case 3:
                return (long) random.nextInt(50);
            case 4:
                return Instant.ofEpochMilli(random.nextInt(1000));
            default:
                return random.nextBoolean();
        }
    }

    private static <T> T roundTrip(org.h2.mvstore.type.BasicDataType<T> type, T value) {
        WriteBuffer out = new WriteBuffer();
        type.write(out, value);
        type.write(out, value); // twice: a read must stop exactly where its value ends
        ByteBuffer in = out.getBuffer();
        in.flip();
        T first = type.read(in);
        T second = type.read(in);
        assertThat(second).isEqualTo(first);
        assertThat(in.remaining()).isZero();
        assertThat(type.getMemory(value)).isPositive();
        return first;
    }
}
