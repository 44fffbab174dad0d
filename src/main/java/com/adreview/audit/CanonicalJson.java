package com.adreview.audit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * The encoding an audit entry's hash is computed over: JSON with object keys sorted, no white space,
 * numbers in their shortest exact decimal form whatever their BSON type (5, 5L and 5.0 are all
 * {@code 5}), dates and ids as strings. Computed from the entry as stored, so that a verifier needs
 * nothing but the stored entry to recompute it; independent of field order and of the numeric types
 * a store or a driver may choose on the way.
 */
final class CanonicalJson {

    private CanonicalJson() {}

    static String of(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Integer || value instanceof Long) {
            out.append(((Number) value).longValue());
        } else if (value instanceof Double d) {
            number(out, new BigDecimal(Double.toString(d)));
        } else if (value instanceof Decimal128 d) {
            number(out, d.bigDecimalValue());
        } else if (value instanceof BigDecimal d) {
            number(out, d);
        } else if (value instanceof Date d) {
            string(out, d.toInstant().toString());
        } else if (value instanceof Instant i) {
            string(out, i.toString());
        } else if (value instanceof ObjectId id) {
            string(out, id.toHexString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, e.getKey().toString());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, element);
            }
            out.append(']');
        } else {
            string(out, value.toString());
        }
    }

    private static void number(StringBuilder out, BigDecimal d) {
        out.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        // Runs of characters that need no escape (nearly all of them) are copied whole.
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(s, run, i);
            run = i + 1;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
        }
        out.append(s, run, s.length());
        out.append('"');
    }
}
