package com.adreview.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A first look at a stored document's BSON bytes, before it is decoded: rules out the documents
 * that certainly do not meet a query's plain conditions (a field, or a dotted path through
 * sub-documents and arrays of them, equal to, or {@code $in} a list of, strings, ids or booleans;
 * {@code $exists: true}; any of these under {@code $and} and {@code $or}), so a scan decodes only
 * the documents that may match. What it lets through is matched against the whole query as
 * before; it never rules out a document the query would match, and when in doubt (an array where
 * the value is compared, a numeric path step, a type it does not know) it lets the document
 * through.
 *
 * <p>A suspension sweep's last look for live ads of a category reads every submission: decoding a
 * hundred thousand of them took seconds, reading their status took a fraction of that. Finding an
 * entity's ads ({@code $or} of {@code $in}s on its identifiers) on every complaint decoded every
 * submission too.
 */
final class BsonPrefilter {

    private static final BsonPrefilter NONE = new BsonPrefilter(List.of(), List.of(), false);

    private static final byte DOUBLE = 0x01;
    private static final byte STRING = 0x02;
    private static final byte DOCUMENT = 0x03;
    private static final byte ARRAY = 0x04;
    private static final byte BINARY = 0x05;
    private static final byte UNDEFINED = 0x06;
    private static final byte OBJECT_ID = 0x07;
    private static final byte BOOLEAN = 0x08;
    private static final byte DATE = 0x09;
    private static final byte NULL = 0x0A;
    private static final byte REGEX = 0x0B;
    private static final byte DB_POINTER = 0x0C;
    private static final byte CODE = 0x0D;
    private static final byte SYMBOL = 0x0E;
    private static final byte CODE_WITH_SCOPE = 0x0F;
    private static final byte INT32 = 0x10;
    private static final byte TIMESTAMP = 0x11;
    private static final byte INT64 = 0x12;
    private static final byte DECIMAL128 = 0x13;
    private static final byte MIN_KEY = (byte) 0xFF;
    private static final byte MAX_KEY = 0x7F;

    /** A value a field may have: its BSON type and its encoding. */
    private record Value(byte type, byte[] bytes) {}

    /**
     * One condition on a path (its steps as UTF-8 names): the field has one of the values, or, for
     * {@code $exists: true} (no values), any value at all.
     */
    private record Equality(byte[][] path, List<Value> values) {

        boolean exists() {
            return values == null;
        }
    }

    /** What a look into the bytes found: the value is there, it certainly is not, or the look cannot tell. */
    enum Found {
        YES,
        NO,
        MAYBE
    }

    private final List<Equality> equalities;
    /** Each an {@code $or}: a document may match when any of its branches may. */
    private final List<List<BsonPrefilter>> alternatives;

    private final boolean complete;

    private BsonPrefilter(List<Equality> equalities, List<List<BsonPrefilter>> alternatives, boolean complete) {
        this.equalities = equalities;
        this.alternatives = alternatives;
        this.complete = complete;
    }

    /** The prefilter for a query (a filter document as the matcher takes it). */
    static BsonPrefilter of(Document query) {
        return of(query, null);
    }

    /**
     * The prefilter for a query, leaving out the conditions on one field that the caller answers
     * itself (a scan over a range of {@code _id}s): {@link #complete()} then tells whether everything
     * else is decided here.
     */
    static BsonPrefilter of(Document query, String answeredElsewhere) {
        List<Equality> equalities = new ArrayList<>();
        List<List<BsonPrefilter>> alternatives = new ArrayList<>();
        boolean complete = conjunction(query, answeredElsewhere, equalities, alternatives);
        if (equalities.isEmpty() && alternatives.isEmpty()) {
            return complete ? new BsonPrefilter(List.of(), List.of(), true) : NONE;
        }
        return new BsonPrefilter(List.copyOf(equalities), List.copyOf(alternatives), complete);
    }

    /** Collects the conditions of a conjunction; whether every one of them was taken. */
    private static boolean conjunction(
            Document query,
            String answeredElsewhere,
            List<Equality> equalities,
            List<List<BsonPrefilter>> alternatives) {
        boolean complete = true;
        for (Map.Entry<String, Object> e : query.entrySet()) {
            String key = e.getKey();
            if (key.equals("$and") && e.getValue() instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        complete &= conjunction(d, answeredElsewhere, equalities, alternatives);
                    } else {
                        complete = false;
                    }
                }
            } else if (key.equals("$or") && e.getValue() instanceof List<?> parts) {
                List<BsonPrefilter> branches = new ArrayList<>(parts.size());
                boolean useful = !parts.isEmpty();
                for (Object part : parts) {
                    BsonPrefilter branch = part instanceof Document d ? of(d) : NONE;
                    useful &= branch.filters();
                    branches.add(branch);
                }
                if (useful) {
                    alternatives.add(List.copyOf(branches));
                }
                complete = false; // an $or is only ever a first look
            } else if (key.equals(answeredElsewhere)) {
                continue;
            } else {
                Equality equality = key.startsWith("$") ? null : equality(key, e.getValue());
                if (equality == null) {
                    complete = false;
                } else {
                    equalities.add(equality);
                }
            }
        }
        return complete;
    }

    private static Equality equality(String field, Object condition) {
        boolean exists = condition instanceof Document d && d.size() == 1 && Boolean.TRUE.equals(d.get("$exists"));
        String[] steps = field.split("\\.", -1);
        byte[][] path = new byte[steps.length][];
        for (int i = 0; i < steps.length; i++) {
            // Array positions are the matcher's business, but for the last step of an $exists (outbox.0:
            // is there anything in the outbox?); operators always are.
            boolean position = steps[i].chars().allMatch(Character::isDigit);
            if (steps[i].isEmpty() || steps[i].startsWith("$") || (position && !(exists && i == steps.length - 1))) {
                return null;
            }
            path[i] = steps[i].getBytes(StandardCharsets.UTF_8);
        }
        if (exists) {
            return new Equality(path, null);
        }
        if (condition instanceof Document d) {
            if (d.size() != 1 || !(d.get("$in") instanceof Collection<?> list)) {
                return null;
            }
            List<Value> values = new ArrayList<>(list.size());
            for (Object v : list) {
                Value value = value(v);
                if (value == null) {
                    return null;
                }
                values.add(value);
            }
            return new Equality(path, List.copyOf(values));
        }
        Value value = value(condition);
        return value == null ? null : new Equality(path, List.of(value));
    }

    /** A plain value as BSON encodes it, or null for a value of any other type. */
    private static Value value(Object v) {
        if (v instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            // As stored: int32 length (with the terminating zero), the bytes, a zero.
            byte[] encoded = new byte[utf8.length + 5];
            int n = utf8.length + 1;
            encoded[0] = (byte) n;
            encoded[1] = (byte) (n >>> 8);
            encoded[2] = (byte) (n >>> 16);
            encoded[3] = (byte) (n >>> 24);
            System.arraycopy(utf8, 0, encoded, 4, utf8.length);
            return new Value(STRING, encoded);
        }
        if (v instanceof ObjectId id) {
            return new Value(OBJECT_ID, id.toByteArray());
        }
        if (v instanceof Boolean b) {
            return new Value(BOOLEAN, new byte[] {(byte) (b ? 1 : 0)});
        }
        return null;
    }

    /** False only when the document certainly does not meet the conditions. */
    boolean mayMatch(byte[] bson) {
        return judge(bson) != Found.NO;
    }

    /**
     * Whether the document meets every condition (YES: each value was found as it must be), certainly
     * does not (NO), or only the full match can tell (MAYBE).
     */
    Found judge(byte[] bson) {
        Found all = Found.YES;
        for (Equality e : equalities) {
            Found f;
            try {
                f = find(bson, 0, e, 0);
            } catch (RuntimeException malformed) {
                f = Found.MAYBE; // not for a prefilter to judge: the decoder will say what is wrong
            }
            if (f == Found.NO) {
                return Found.NO;
            }
            if (f == Found.MAYBE) {
                all = Found.MAYBE;
            }
        }
        for (List<BsonPrefilter> branches : alternatives) {
            boolean any = false;
            for (BsonPrefilter branch : branches) {
                if (branch.judge(bson) != Found.NO) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return Found.NO;
            }
            all = Found.MAYBE;
        }
        return all;
    }

    /** Whether every condition it was made of is one it decides, so that its YES is the query's. */
    boolean complete() {
        return complete;
    }

    /** Whether it rules out anything at all. */
    boolean filters() {
        return !equalities.isEmpty() || !alternatives.isEmpty();
    }

    /** Looks for the path from step {@code step} on in the (sub-)document that starts at {@code start}. */
    private static Found find(byte[] bson, int start, Equality e, int step) {
        int end = start + int32(bson, start) - 1; // the document's terminating zero
        int p = start + 4;
        boolean maybe = false;
        while (p < end) {
            byte type = bson[p++];
            int nameStart = p;
            while (bson[p] != 0) {
                p++;
            }
            boolean named = Arrays.equals(bson, nameStart, p, e.path[step], 0, e.path[step].length);
            p++; // past the name's zero
            int valueStart = p;
            int size = size(bson, p, type);
            if (size < 0) {
                return Found.MAYBE; // a type this look does not know how to step over
            }
            if (named) {
                Found f = at(bson, valueStart, type, e, step);
                if (f == Found.YES) {
                    return Found.YES;
                }
                maybe |= f == Found.MAYBE;
            }
            p = valueStart + size;
        }
        return maybe ? Found.MAYBE : Found.NO;
    }

    /** The value of the field a step named: the end of the path, or the way on. */
    private static Found at(byte[] bson, int value, byte type, Equality e, int step) {
        boolean last = step == e.path.length - 1;
        if (e.exists()) {
            if (last) {
                return Found.YES;
            }
            if (type == ARRAY && step + 1 == e.path.length - 1 && isPosition(e.path[step + 1])) {
                // The array must be long enough to have that position: an empty one certainly is not.
                return int32(bson, value) <= 5 ? Found.NO : Found.MAYBE;
            }
        }
        if (type == ARRAY) {
            if (last) {
                return Found.MAYBE; // an array holding the value matches; left to the matcher
            }
            return inElements(bson, value, e, step + 1);
        }
        if (last) {
            boolean strings = false;
            for (Value v : e.values) {
                if (type == v.type
                        && value + v.bytes.length <= bson.length
                        && Arrays.equals(bson, value, value + v.bytes.length, v.bytes, 0, v.bytes.length)) {
                    return Found.YES;
                }
                strings |= v.type == STRING;
            }
            return type == SYMBOL && strings ? Found.MAYBE : Found.NO;
        }
        return type == DOCUMENT ? find(bson, value, e, step + 1) : Found.NO;
    }

    /** The rest of the path in each element of an array: in any sub-document of it. */
    private static Found inElements(byte[] bson, int start, Equality e, int step) {
        int end = start + int32(bson, start) - 1;
        int p = start + 4;
        boolean maybe = false;
        while (p < end) {
            byte type = bson[p++];
            while (bson[p] != 0) {
                p++;
            }
            p++;
            int size = size(bson, p, type);
            if (size < 0 || type == ARRAY) {
                return Found.MAYBE;
            }
            if (type == DOCUMENT) {
                Found f = find(bson, p, e, step);
                if (f == Found.YES) {
                    return Found.YES;
                }
                maybe |= f == Found.MAYBE;
            }
            p += size;
        }
        return maybe ? Found.MAYBE : Found.NO;
    }

    private static boolean isPosition(byte[] step) {
        for (byte b : step) {
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** How many bytes a value of the type takes at {@code p}; -1 for a type not known here. */
    private static int size(byte[] bson, int p, byte type) {
        switch (type) {
            case DOUBLE, DATE, TIMESTAMP, INT64:
                return 8;
            case STRING, CODE, SYMBOL:
                return 4 + int32(bson, p);
            case DOCUMENT, ARRAY, CODE_WITH_SCOPE:
                return int32(bson, p);
            case BINARY:
                return 5 + int32(bson, p);
            case UNDEFINED, NULL, MIN_KEY, MAX_KEY:
                return 0;
            case OBJECT_ID:
                return 12;
            case BOOLEAN:
                return 1;
            case INT32:
                return 4;
            case DECIMAL128:
                return 16;
            case DB_POINTER:
                return 4 + int32(bson, p) + 12;
            case REGEX: {
                int q = p;
                while (bson[q] != 0) {
                    q++;
                }
                q++;
                while (bson[q] != 0) {
                    q++;
                }
                return q + 1 - p;
            }
            default:
                return -1;
        }
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }
}
