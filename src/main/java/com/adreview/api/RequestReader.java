package com.adreview.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a JSON request body into a request record, reporting <em>every</em> bad field in one
 * problem: unknown properties, wrong JSON types, unknown enum values, malformed dates, then the
 * Bean Validation constraints (required, sizes, ranges, patterns).
 *
 * <p>Jackson alone stops at the first error, which would make a gateway fix one field per round
 * trip; so the tree is checked against the record's shape first, bad values are set aside, and
 * what is left is bound and validated.
 */
@ApplicationScoped
public class RequestReader {

    private final ObjectMapper mapper;
    private final Validator validator;

    public RequestReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.validator = validator;
    }

    /** The parsed tree of a body, after {@link #read}; kept so the body can be stored as received. */
    public record Read<T>(T value, ObjectNode tree) {}

    public <T extends Record> Read<T> read(String body, Class<T> type, String title) {
        return read(parse(body, title), type, title);
    }

    /** The body as a JSON tree (null when empty); a 400 naming where it stops being JSON. */
    public JsonNode parse(String body, String title) {
        try {
            return body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr();
            throw ProblemException.invalid(
                    title, List.of(new FieldError("", "not valid JSON" + where + ": " + e.getOriginalMessage())));
        }
    }

    /**
     * Parses the JSON tree (the body, or one item of a batch's array) into a record, checking it as
     * {@link #read(String, Class, String)} does.
     */
    public <T extends Record> Read<T> read(JsonNode tree, Class<T> type, String title) {
        if (!(tree instanceof ObjectNode object)) {
            throw ProblemException.invalid(title, List.of(new FieldError("", "must be a JSON object")));
        }
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode cleaned = object.deepCopy();
        checkRecord(type, cleaned, "", errors);
        T value;
        try {
            value = mapper.treeToValue(cleaned, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // The shape check above should leave nothing Jackson refuses; if it does, say so plainly.
            throw ProblemException.invalid(title, List.of(new FieldError("", e.getMessage())));
        }
        for (ConstraintViolation<T> v : validator.validate(value)) {
            errors.putIfAbsent(path(v.getPropertyPath()), message(v));
        }
        if (!errors.isEmpty()) {
            List<FieldError> list = errors.entrySet().stream()
                    .map(e -> new FieldError(e.getKey(), e.getValue()))
                    .toList();
            throw ProblemException.invalid(title, list);
        }
        return new Read<>(value, object);
    }

    /** A record's components by name, with their declared types: asked once per class, not per request. */
    private static final ClassValue<Map<String, Type>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            Map<String, Type> components = new LinkedHashMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                components.put(c.getName(), c.getGenericType());
            }
            return java.util.Collections.unmodifiableMap(components);
        }
    };

    /** An enum's constant names, once per class. */
    private static final ClassValue<java.util.Set<String>> ENUM_NAMES = new ClassValue<>() {
        @Override
        protected java.util.Set<String> computeValue(Class<?> type) {
            return Arrays.stream(type.getEnumConstants())
                    .map(e -> ((Enum<?>) e).name())
                    .collect(Collectors.toUnmodifiableSet());
        }
    };

    private static void checkRecord(Class<?> type, ObjectNode node, String path, Map<String, String> errors) {
        Map<String, Type> components = COMPONENTS.get(type);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> bad = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            Type component = components.get(field.getKey());
            if (component == null) {
                errors.putIfAbsent(
                        fieldPath,
                        "unknown property (allowed: "
                                + String.join(
                                        ", ",
                                        components.keySet().stream().sorted().toList()) + ")");
                bad.add(field.getKey());
            } else if (!check(component, field.getValue(), fieldPath, errors)) {
                bad.add(field.getKey());
            }
        }
        bad.forEach(node::remove);
    }

    /** Whether the value has the JSON shape the type needs; records why not. */
    private static boolean check(Type type, JsonNode value, String path, Map<String, String> errors) {
        if (value == null || value.isNull()) {
            return true;
        }
        if (type instanceof ParameterizedType p && p.getRawType() == List.class) {
            if (!(value instanceof ArrayNode array)) {
                return fail(errors, path, "must be an array");
            }
            for (int i = 0; i < array.size(); i++) {
                if (!check(p.getActualTypeArguments()[0], array.get(i), path + "[" + i + "]", errors)) {
                    array.set(i, NullNode.getInstance());
                }
            }
            return true;
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            if (!(value instanceof ObjectNode object)) {
                return fail(errors, path, "must be an object");
            }
            checkRecord(c, object, path, errors);
            return true;
        }
        if (c == String.class) {
            return value.isTextual() || fail(errors, path, "must be a string");
        }
        if (c.isEnum()) {
            boolean known = value.isTextual() && ENUM_NAMES.get(c).contains(value.asText());
            return known
                    || fail(
                            errors,
                            path,
                            "must be one of "
                                    + Arrays.stream(c.getEnumConstants())
                                            .map(String::valueOf)
                                            .collect(Collectors.joining(", ")));
        }
        if (c == BigDecimal.class || c == Double.class || c == double.class) {
            return (value.isNumber() && reasonable(value))
                    || fail(errors, path, "must be a number below 10^18 with at most 8 decimal places");
        }
        if (c == Integer.class || c == int.class || c == Long.class || c == long.class) {
            return (value.isIntegralNumber() && value.canConvertToLong()) || fail(errors, path, "must be an integer");
        }
        if (c == Boolean.class || c == boolean.class) {
            return value.isBoolean() || fail(errors, path, "must be true or false");
        }
        if (c == LocalDate.class) {
            return (value.isTextual()
                            && parses(() -> {
                                int year = LocalDate.parse(value.asText()).getYear();
                                if (year < 1 || year > 9999) {
                                    throw new DateTimeParseException("out of range", value.asText(), 0);
                                }
                            }))
                    || fail(errors, path, "must be a date as YYYY-MM-DD between the years 1 and 9999");
        }
        if (c == Instant.class) {
            return (value.isTextual()
                            && parses(() -> {
                                if (!QueryParams.inRange(
                                        OffsetDateTime.parse(value.asText()).toInstant())) {
                                    throw new DateTimeParseException("out of range", value.asText(), 0);
                                }
                            }))
                    || fail(
                            errors,
                            path,
                            "must be an ISO-8601 date-time with offset between the years 1 and 9999, such as"
                                    + " 2026-01-31T08:00:00Z");
        }
        throw new IllegalStateException("no JSON shape known for " + c + " at " + path);
    }

    private static final BigDecimal LARGEST = BigDecimal.TEN.pow(18);

    /**
     * A number every part of the service can hold exactly: finite, below 10^18, at most 8 decimal places
     * (money and rates; a 38-digit amount or 1e400 is an attack, not a claim).
     */
    private static boolean reasonable(JsonNode value) {
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return false;
        }
        try {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.abs().compareTo(LARGEST) < 0 && number.scale() <= 8;
        } catch (NumberFormatException | ArithmeticException e) {
            return false;
        }
    }

    private static boolean parses(Runnable parse) {
        try {
            parse.run();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean fail(Map<String, String> errors, String path, String message) {
        errors.putIfAbsent(path, message);
        return false;
    }

    private static String message(ConstraintViolation<?> v) {
        Class<?> constraint = v.getConstraintDescriptor().getAnnotation().annotationType();
        if (v.getInvalidValue() == null && (constraint == NotNull.class || constraint == NotBlank.class)) {
            return "is required";
        }
        return v.getMessage();
    }

    /** {@code advertiser.creditCode}, {@code placements[3]}: the path as the client wrote the body. */
    static String path(Path propertyPath) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    out.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getName() == null) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(node.getName());
        }
        return out.toString();
    }
}
