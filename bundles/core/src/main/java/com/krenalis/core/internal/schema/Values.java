package com.krenalis.core.internal.schema;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.StringType;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Converts JSON-like Java values (String, Number, Boolean, List, Map, null, as a JSON parser makes them) into the
 * values a warehouse driver loads for a column of a Krenalis type ({@link com.krenalis.api.warehouse.Warehouse#load}):
 *
 * <table>
 * <caption>Results by type</caption>
 * <tr><th>type</th><th>accepted</th><th>result</th></tr>
 * <tr><td>string</td><td>strings only; at most maxLength code points</td><td>String</td></tr>
 * <tr><td>boolean</td><td>true, false, "true", "false"</td><td>Boolean</td></tr>
 * <tr><td>int</td><td>whole numbers (3 and 3.0) and numeric strings, within [min, max]</td><td>Long</td></tr>
 * <tr><td>float</td><td>finite numbers and numeric strings within the width's range</td><td>Double</td></tr>
 * <tr><td>decimal(p,s)</td><td>numbers and numeric strings with at most s decimal places and p-s integer
 * digits</td><td>BigDecimal of scale s</td></tr>
 * <tr><td>datetime</td><td>ISO-8601 strings with an offset</td><td>Instant (UTC, microseconds)</td></tr>
 * <tr><td>date, time</td><td>ISO-8601 strings</td><td>LocalDate, LocalTime</td></tr>
 * <tr><td>uuid</td><td>canonical strings</td><td>UUID</td></tr>
 * <tr><td>ip</td><td>IPv4 and IPv6 literals</td><td>String, normalised</td></tr>
 * <tr><td>json</td><td>any JSON value</td><td>String (JSON text)</td></tr>
 * <tr><td>object</td><td>maps with the object's properties only</td><td>String (JSON text)</td></tr>
 * <tr><td>array of scalars</td><td>lists without nulls</td><td>List of converted elements</td></tr>
 * <tr><td>array of arrays, objects or json</td><td>lists</td><td>String (JSON text)</td></tr>
 * </table>
 *
 * Null is null (a non-nullable property refuses it). A value is never truncated or rounded to fit, except the digits
 * of a time past the microsecond. Inside JSON text (objects, arrays stored as JSON) values take their JSON form:
 * times as ISO-8601 strings (datetimes in UTC), uuids and ips as their normal text, decimals as plain numbers.
 * docs/identity-resolution.md ("User schema") describes the rules for people.
 */
public final class Values {
    /** JSON nested deeper is refused (a parser's limit; also keeps the recursion here bounded). */
    static final int MAX_DEPTH = 256;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Values() {
    }

    /**
     * The warehouse value of {@code value} for a column of {@code type}.
     *
     * @throws ValueException when the value does not fit; its path is empty for the value itself and names nested
     *                        properties and elements ({@code city}, {@code [3]})
     */
    public static Object toWarehouse(Object value, Type type) throws ValueException {
        return toWarehouse(value, type, "");
    }

    /** As {@link #toWarehouse(Object, Type)} for a property: paths start with its name and null needs it nullable. */
    public static Object toWarehouse(Object value, Property property) throws ValueException {
        if (value == null && !property.nullable()) {
            throw new ValueException(property.name(), "is required (the property is not nullable)");
        }
        return toWarehouse(value, property.type(), property.name());
    }

    /** As {@link #toWarehouse(Object, Type)}, with {@code path} naming the value in errors. */
    public static Object toWarehouse(Object value, Type type, String path) throws ValueException {
        if (value == null) {
            return null;
        }
        boolean asJson = storedAsJson(type);
        Object converted = convert(value, type, path, 0, asJson);
        return asJson ? json(converted, path) : converted;
    }

    /**
     * The value checked as {@link #toWarehouse(Object, Type, String)} checks it, in its JSON form rather than the
     * warehouse's: JSON-like Java values (String, Long, Double, BigDecimal, Boolean, List, Map) as they appear inside
     * JSON text — datetimes as ISO-8601 strings in UTC, dates, times, uuids and ips as their normal text, objects as
     * maps in schema order, json as its checked tree. For code that hands values on to another converter (a mapping's
     * output goes to {@code IdentityStore.write} or a destination) rather than to a warehouse column; converting the
     * result again gives the same value.
     */
    public static Object toJsonValue(Object value, Type type, String path) throws ValueException {
        return value == null ? null : convert(value, type, path, 0, true);
    }

    /**
     * Converts a record's values per the schema: the result holds the valid values by property name (null for
     * explicit nulls); each property that is unknown, invalid, or missing while not nullable is left out and
     * reported to {@code errors}.
     */
    public static Map<String, Object> properties(ObjectType schema, Map<String, ?> values, Consumer<ValueException> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : values.keySet()) {
            if (schema.property(name).isEmpty()) {
                errors.accept(new ValueException(name, "is not a property of the user schema"));
            }
        }
        for (Property p : schema.properties()) {
            if (!values.containsKey(p.name()) && p.nullable()) {
                continue;
            }
            try {
                out.put(p.name(), toWarehouse(values.get(p.name()), p));
            } catch (ValueException e) {
                errors.accept(e);
            }
        }
        return out;
    }

    /** Whether a column of this type holds JSON text: objects, json, and arrays of arrays, objects or json. */
    public static boolean storedAsJson(Type type) {
        return switch (type.kind()) {
            case OBJECT, JSON -> true;
            case ARRAY -> {
                TypeKind element = ((ArrayType) type).element().kind();
                yield element == TypeKind.ARRAY || element == TypeKind.OBJECT || element == TypeKind.JSON;
            }
            default -> false;
        };
    }

    /** @param inJson whether the result goes into JSON text (times and uuids become strings) */
    private static Object convert(Object value, Type type, String path, int depth, boolean inJson) {
        if (depth > MAX_DEPTH) {
            throw new ValueException(path, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        return switch (type.kind()) {
            case STRING -> TextValues.toString(value, (StringType) type, path);
            case BOOLEAN -> TextValues.toBoolean(value, path);
            case INT -> NumberValues.toInt(value, (IntType) type, path);
            case FLOAT -> NumberValues.toFloat(value, (FloatType) type, path);
            case DECIMAL -> NumberValues.toDecimal(value, (DecimalType) type, path);
            case DATETIME -> jsonText(TextValues.toDateTime(value, path), inJson);
            case DATE -> jsonText(TextValues.toDate(value, path), inJson);
            case TIME -> jsonText(TextValues.toTime(value, path), inJson);
            case UUID -> jsonText(TextValues.toUuid(value, path), inJson);
            case IP -> TextValues.toIp(value, path);
            case JSON -> anyJson(value, path, depth);
            case ARRAY -> array(value, (ArrayType) type, path, depth, inJson);
            case OBJECT -> object(value, (ObjectType) type, path, depth);
        };
    }

    private static Object jsonText(Object value, boolean inJson) {
        if (!inJson) {
            return value;
        }
        if (value instanceof LocalTime t) {
            return t.format(DateTimeFormatter.ISO_LOCAL_TIME);
        }
        return value.toString(); // Instant: ISO-8601 in UTC; LocalDate: yyyy-mm-dd; UUID: lower case
    }

    private static List<Object> array(Object value, ArrayType type, String path, int depth, boolean inJson) {
        if (!(value instanceof List<?> list)) {
            throw new ValueException(path, "must be an array, was " + describe(value));
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            Object element = list.get(i);
            if (element == null) {
                if (type.element().kind() != TypeKind.JSON) {
                    throw new ValueException(at, "is null; arrays hold no nulls (except arrays of json)");
                }
                out.add(null);
            } else {
                out.add(convert(element, type.element(), at, depth + 1, inJson));
            }
        }
        return out;
    }

    private static Map<String, Object> object(Object value, ObjectType type, String path, int depth) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new ValueException(path, "must be an object, was " + describe(value));
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String name) || type.property(name).isEmpty()) {
                throw new ValueException(child(path, String.valueOf(key)), "is not a property of this object"
                        + (type.properties().isEmpty() ? " (it has none)" : " (it has " + String.join(", ",
                        type.properties().stream().map(Property::name).toList()) + ")"));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Property p : type.properties()) {
            String at = child(path, p.name());
            Object v = map.get(p.name());
            if (v == null) {
                if (!p.nullable()) {
                    throw new ValueException(at, "is required (the property is not nullable)");
                }
                if (map.containsKey(p.name())) {
                    out.put(p.name(), null);
                }
                continue;
            }
            out.put(p.name(), convert(v, p.type(), at, depth + 1, true));
        }
        return out;
    }

    /** Any JSON value, checked: string keys, finite numbers, text PostgreSQL's jsonb accepts. */
    private static Object anyJson(Object value, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ValueException(path, "is nested deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof String s) {
            TextValues.checkUnicode(s, path);
            return s;
        }
        if (value instanceof Number n) {
            return jsonNumber(n, path);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                out.add(anyJson(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String key)) {
                    throw new ValueException(path, "has a key that is not a string: " + describe(e.getKey()));
                }
                TextValues.checkUnicode(key, child(path, key));
                out.put(key, anyJson(e.getValue(), child(path, key), depth + 1));
            }
            return out;
        }
        throw new ValueException(path, "is not a JSON value: " + describe(value));
    }

    /** PostgreSQL's numeric (which jsonb numbers are) holds 131072 digits before the point and 16383 after. */
    private static Number jsonNumber(Number n, String path) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n;
        }
        BigDecimal d = NumberValues.exact(n, path, "a number");
        long digits = d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
        if (digits > 131_072 || d.scale() > 16_383) {
            throw new ValueException(path, "is a number too large or too precise to store in JSON");
        }
        return n instanceof BigInteger || n instanceof BigDecimal ? d : n;
    }

    private static String json(Object tree, String path) {
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new ValueException(path, "cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** What kind of JSON value something is, for messages; never the value of a string (it may be personal data). */
    static String describe(Object value) {
        if (value == null) {
            return "null";
        } else if (value instanceof String) {
            return "a string";
        } else if (value instanceof Boolean b) {
            return b.toString();
        } else if (value instanceof Number n) {
            String text = n.toString();
            return "the number " + (text.length() > 40 ? text.substring(0, 40) + "..." : text);
        } else if (value instanceof List<?>) {
            return "an array";
        } else if (value instanceof Map<?, ?>) {
            return "an object";
        }
        return "a " + value.getClass().getName();
    }
}
