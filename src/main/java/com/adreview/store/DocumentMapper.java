package com.adreview.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Records to stored documents and back, without writing JSON text and parsing it again (which every
 * submission did three times). A record becomes exactly the document that parsing its JSON would give —
 * the same keys in the same order, a whole number as an int when it fits one and as a long otherwise,
 * any other number as a double — so what is stored, and every digest of it, is what it was. One exception:
 * a {@code BigDecimal} field of a record holding a whole value (a complaint's amount of 2500000 in a decision
 * context) is stored as a double, where its text would parse as an int ({@code valueToTree} gives Jackson's
 * double node for it); the value and every digest of the stored document are the same each time, so replay
 * and verification are unaffected.
 */
@ApplicationScoped
public class DocumentMapper {

    private final ObjectMapper json;

    public DocumentMapper(ObjectMapper json) {
        this.json = json;
    }

    /** The record (or any value Jackson writes as a JSON object) as a document. */
    public Document toDocument(Object value) {
        JsonNode tree = json.valueToTree(value);
        if (!tree.isObject()) {
            throw new IllegalArgumentException(
                    "not written as a JSON object: " + value.getClass().getName());
        }
        return document(tree);
    }

    /** A stored document (or part of one) back as the record it was written from. */
    public <T> T fromDocument(Document stored, Class<T> type) {
        try {
            return json.convertValue(stored, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " cannot be read back", e);
        }
    }

    /** A stored document as a JSON tree, as the API shows a stored package. */
    public JsonNode toTree(Document stored) {
        return json.valueToTree(stored);
    }

    /** A JSON object as a document, with the values parsing its text would give. */
    public static Document document(JsonNode object) {
        Document d = new Document();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            d.append(field.getKey(), value(field.getValue()));
        }
        return d;
    }

    private static Object value(JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT:
                return document(node);
            case ARRAY:
                List<Object> items = new ArrayList<>(node.size());
                node.forEach(item -> items.add(value(item)));
                return items;
            case STRING:
                return node.textValue();
            case BOOLEAN:
                return node.booleanValue();
            case NULL:
            case MISSING:
                return null;
            case NUMBER:
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    long n = node.longValue();
                    return n == (int) n ? (Object) (int) n : (Object) n;
                }
                // A BigDecimal of scale 0 in a tree (not one a parser made: it reads 2500000 as an int) is written as
                // an integer literal, which parsing reads as an int or a long; beyond a long, a double here.
                if (node.isBigDecimal() && node.decimalValue().scale() == 0 && node.canConvertToLong()) {
                    long n = node.decimalValue().longValueExact();
                    return n == (int) n ? (Object) (int) n : (Object) n;
                }
                return node.doubleValue();
            default:
                throw new IllegalArgumentException("no document value for a JSON " + node.getNodeType());
        }
    }
}
