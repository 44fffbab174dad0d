package com.adreview.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/** Stored documents as JSON for auditors: dates as ISO-8601 instants, ids as hex, numbers as numbers. */
final class Documents {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {}

    static JsonNode json(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode out = NODES.objectNode();
            map.forEach((k, v) -> out.set(k.toString(), json(v)));
            return out;
        }
        if (value instanceof Collection<?> list) {
            ArrayNode out = NODES.arrayNode();
            list.forEach(v -> out.add(json(v)));
            return out;
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Decimal128 d) {
            return NODES.numberNode(d.bigDecimalValue());
        }
        if (value instanceof Date d) {
            return NODES.textNode(d.toInstant().toString());
        }
        if (value instanceof ObjectId id) {
            return NODES.textNode(id.toHexString());
        }
        return NODES.textNode(value.toString());
    }
}
