package com.krenalis.api.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Types to and from their JSON form, as JSON-like Java values (Map, List, String, Number, Boolean) so that any JSON
 * library can read and write them:
 *
 * <pre>
 * {"type":"string","maxLength":254}            {"type":"int","bits":32,"min":0,"max":120}
 * {"type":"decimal","precision":10,"scale":2}  {"type":"float","bits":64}
 * {"type":"array","element":{"type":"string"}}
 * {"type":"object","properties":[{"name":"email","type":{"type":"string"},"nullable":true,"description":""}]}
 * </pre>
 *
 * A user schema is an {@code object} type. Defaults: int 64 bits over its whole range, float 64 bits, string unbounded,
 * properties nullable.
 */
public final class TypeCodec {

    /** A JSON value that is not a valid type; {@link #path()} names where, e.g. {@code properties[2].type.bits}. */
    public static final class InvalidTypeException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String path;

        public InvalidTypeException(String path, String message) {
            super(path + ": " + message);
            this.path = path;
        }

        public String path() {
            return path;
        }

        /** The message without the path. */
        public String reason() {
            return getMessage().substring(path.length() + 2);
        }
    }

    private TypeCodec() {
    }

    /** The JSON form of a type. */
    public static Map<String, Object> toJson(Type type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.kind().jsonName());
        if (type instanceof StringType s) {
            if (s.maxLength() != null) {
                json.put("maxLength", s.maxLength());
            }
        } else if (type instanceof IntType i) {
            json.put("bits", i.bits());
            json.put("min", i.min());
            json.put("max", i.max());
        } else if (type instanceof FloatType f) {
            json.put("bits", f.bits());
        } else if (type instanceof DecimalType d) {
            json.put("precision", d.precision());
            json.put("scale", d.scale());
        } else if (type instanceof ArrayType a) {
            json.put("element", toJson(a.element()));
        } else if (type instanceof ObjectType o) {
            List<Object> properties = new ArrayList<>();
            for (Property p : o.properties()) {
                Map<String, Object> property = new LinkedHashMap<>();
                property.put("name", p.name());
                property.put("type", toJson(p.type()));
                property.put("nullable", p.nullable());
                property.put("description", p.description());
                properties.add(property);
            }
            json.put("properties", properties);
        }
        return json;
    }

    /** A user schema: an object type in JSON form. */
    public static ObjectType schemaFromJson(Object json) {
        Type type = fromJson(json, "schema");
        if (!(type instanceof ObjectType object)) {
            throw new InvalidTypeException("schema.type", "a schema must be of type object");
        }
        return object;
    }

    /** A type from its JSON form; {@code path} names the value in errors. */
    public static Type fromJson(Object json, String path) {
        Map<?, ?> map = object(json, path);
        String name = string(map.get("type"), path + ".type");
        TypeKind kind;
        try {
            kind = TypeKind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidTypeException(path + ".type", "unknown type '" + name + "'; use one of "
                    + String.join(", ", java.util.Arrays.stream(TypeKind.values()).map(TypeKind::jsonName).toList()));
        }
        switch (kind) {
            case STRING -> only(map, path, Set.of("maxLength"));
            case INT -> only(map, path, Set.of("bits", "min", "max"));
            case FLOAT -> only(map, path, Set.of("bits"));
            case DECIMAL -> only(map, path, Set.of("precision", "scale"));
            case ARRAY -> only(map, path, Set.of("element"));
            case OBJECT -> only(map, path, Set.of("properties"));
            default -> only(map, path, Set.of());
        }
        try {
            return switch (kind) {
                case STRING -> map.get("maxLength") == null ? Type.string()
                        : Type.string(integer(map.get("maxLength"), path + ".maxLength"));
                case BOOLEAN -> Type.bool();
                case INT -> {
                    int bits = map.get("bits") == null ? 64 : integer(map.get("bits"), path + ".bits");
                    if (bits != 8 && bits != 16 && bits != 24 && bits != 32 && bits != 64) {
                        throw new InvalidTypeException(path + ".bits", "must be 8, 16, 24, 32 or 64");
                    }
                    long min = map.get("min") == null ? IntType.minOf(bits) : longValue(map.get("min"), path + ".min");
                    long max = map.get("max") == null ? IntType.maxOf(bits) : longValue(map.get("max"), path + ".max");
                    if (min < IntType.minOf(bits) || max > IntType.maxOf(bits)) {
                        throw new InvalidTypeException(path, "range [" + min + ", " + max + "] does not fit int(" + bits + ")");
                    }
                    if (min > max) {
                        throw new InvalidTypeException(path + ".min", "must not be greater than max");
                    }
                    yield new IntType(bits, min, max);
                }
                case FLOAT -> {
                    int bits = map.get("bits") == null ? 64 : integer(map.get("bits"), path + ".bits");
                    if (bits != 32 && bits != 64) {
                        throw new InvalidTypeException(path + ".bits", "must be 32 or 64");
                    }
                    yield new FloatType(bits);
                }
                case DECIMAL -> {
                    if (map.get("precision") == null) {
                        throw new InvalidTypeException(path + ".precision", "is required");
                    }
                    int precision = integer(map.get("precision"), path + ".precision");
                    int scale = map.get("scale") == null ? 0 : integer(map.get("scale"), path + ".scale");
                    if (precision < 1 || precision > DecimalType.MAX_PRECISION) {
                        throw new InvalidTypeException(path + ".precision", "must be between 1 and " + DecimalType.MAX_PRECISION);
                    }
                    if (scale < 0 || scale > precision) {
                        throw new InvalidTypeException(path + ".scale", "must be between 0 and the precision");
                    }
                    yield new DecimalType(precision, scale);
                }
                case DATETIME -> Type.datetime();
                case DATE -> Type.date();
                case TIME -> Type.time();
                case UUID -> Type.uuid();
                case IP -> Type.ip();
                case JSON -> Type.json();
                case ARRAY -> {
                    if (map.get("element") == null) {
                        throw new InvalidTypeException(path + ".element", "is required");
                    }
                    yield Type.array(fromJson(map.get("element"), path + ".element"));
                }
                case OBJECT -> {
                    Object raw = map.get("properties");
                    if (!(raw instanceof List<?> list)) {
                        throw new InvalidTypeException(path + ".properties", "must be an array of properties");
                    }
                    List<Property> properties = new ArrayList<>();
                    Set<String> seen = new java.util.HashSet<>();
                    for (int i = 0; i < list.size(); i++) {
                        String at = path + ".properties[" + i + "]";
                        Map<?, ?> p = object(list.get(i), at);
                        only(p, at, Set.of("name", "type", "nullable", "description"));
                        String propertyName = string(p.get("name"), at + ".name");
                        if (!Property.isValidName(propertyName)) {
                            throw new InvalidTypeException(at + ".name", "'" + propertyName + "' is not a valid property "
                                    + "name: use letters, digits and underscores, starting with a letter or underscore, "
                                    + "at most 63 characters");
                        }
                        if (propertyName.startsWith("_")) {
                            throw new InvalidTypeException(at + ".name", "names starting with '_' are reserved for Krenalis");
                        }
                        if (!seen.add(propertyName.toLowerCase(Locale.ROOT))) {
                            throw new InvalidTypeException(at + ".name", "duplicate property '" + propertyName
                                    + "' (names are compared without case)");
                        }
                        Object nullable = p.get("nullable");
                        if (nullable != null && !(nullable instanceof Boolean)) {
                            throw new InvalidTypeException(at + ".nullable", "must be true or false");
                        }
                        Object description = p.get("description");
                        if (description != null && !(description instanceof String)) {
                            throw new InvalidTypeException(at + ".description", "must be a string");
                        }
                        properties.add(new Property(propertyName, fromJson(p.get("type"), at + ".type"),
                                nullable == null || (Boolean) nullable, (String) description));
                    }
                    yield Type.object(properties);
                }
            };
        } catch (InvalidTypeException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidTypeException(path, e.getMessage());
        }
    }

    private static Map<?, ?> object(Object json, String path) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new InvalidTypeException(path, "must be an object such as {\"type\":\"string\"}");
        }
        return map;
    }

    private static void only(Map<?, ?> map, String path, Set<String> allowed) {
        for (Object key : map.keySet()) {
            if (!"type".equals(key) && !allowed.contains(String.valueOf(key))) {
                throw new InvalidTypeException(path + "." + key, "is not a field of this type");
            }
        }
    }

    private static String string(Object value, String path) {
        if (!(value instanceof String s) || s.isEmpty()) {
            throw new InvalidTypeException(path, "is required and must be a string");
        }
        return s;
    }

    private static long longValue(Object value, String path) {
        BigInteger integer;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        } else if (value instanceof BigInteger b) {
            integer = b;
        } else if (value instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            integer = d.toBigInteger();
        } else {
            throw new InvalidTypeException(path, "must be an integer");
        }
        if (integer.bitLength() > 63) {
            throw new InvalidTypeException(path, "is out of the 64-bit range");
        }
        return integer.longValue();
    }

    private static int integer(Object value, String path) {
        long v = longValue(value, path);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new InvalidTypeException(path, "is out of range");
        }
        return (int) v;
    }
}
