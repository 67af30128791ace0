package com.krenalis.connector.clickhouse;

import com.clickhouse.client.api.data_formats.internal.BinaryStreamReader;
import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.Type;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * How a ClickHouse column becomes a Krenalis property: its type ({@link #typeOf}) and its values ({@link #valueOf}),
 * which take the Java forms SourceRecord's javadoc lists.
 */
final class ColumnMapping {
    private static final Set<String> JSON_FAMILIES = Set.of("Map", "Tuple", "Nested", "JSON", "Object", "Variant",
            "Dynamic", "Point", "Ring", "LineString", "MultiLineString", "Polygon", "MultiPolygon");

    private ColumnMapping() {
    }

    /** The Krenalis type of a ClickHouse type; a type without a closer match is a string of its text form. */
    static Type typeOf(ClickHouseType type) {
        ClickHouseType t = type.unwrapped();
        return switch (t.name()) {
            case "String", "Enum8", "Enum16", "Enum", "Nothing" -> Type.string();
            case "FixedString" -> Type.string(t.intArgument(0));
            case "Int8" -> IntType.of(8);
            case "Int16" -> IntType.of(16);
            case "Int32" -> IntType.of(32);
            case "Int64" -> IntType.of(64);
            // Unsigned types take the next signed width, restricted to their range.
            case "UInt8" -> new IntType(16, 0, 0xFF);
            case "UInt16" -> new IntType(32, 0, 0xFFFF);
            case "UInt32" -> new IntType(64, 0, 0xFFFF_FFFFL);
            // No signed 64-bit integer holds them all: exact decimals of as many digits as their largest value.
            case "UInt64" -> Type.decimal(20, 0);
            case "Int128", "UInt128" -> Type.decimal(39, 0);
            // 77 or 78 digits, past the largest decimal Krenalis has (76): their decimal text.
            case "Int256", "UInt256" -> Type.string();
            case "Float32", "BFloat16" -> new FloatType(32);
            case "Float64" -> Type.float64();
            case "Decimal" -> t.arguments().size() == 1 ? Type.decimal(t.intArgument(0), 0)
                    : Type.decimal(t.intArgument(0), t.intArgument(1));
            case "Decimal32" -> Type.decimal(9, t.intArgument(0));
            case "Decimal64" -> Type.decimal(18, t.intArgument(0));
            case "Decimal128" -> Type.decimal(38, t.intArgument(0));
            case "Decimal256" -> Type.decimal(DecimalType.MAX_PRECISION, t.intArgument(0));
            case "Bool", "Boolean" -> Type.bool();
            case "Date", "Date32" -> Type.date();
            case "DateTime", "DateTime32", "DateTime64" -> Type.datetime();
            case "Time", "Time64" -> Type.time();
            case "UUID" -> Type.uuid();
            case "IPv4", "IPv6" -> Type.ip();
            case "Array" -> Type.array(typeOf(t.argumentType(0)));
            default -> JSON_FAMILIES.contains(t.name()) ? Type.json() : Type.string();
        };
    }

    /** Whether a column of this type can be the updated-at column: it must hold a point in time. */
    static boolean isPointInTime(ClickHouseType type) {
        return switch (type.unwrapped().name()) {
            case "Date", "Date32", "DateTime", "DateTime32", "DateTime64" -> true;
            default -> false;
        };
    }

    /** A value as the client read it, in the Java form of the column's Krenalis type. */
    static Object valueOf(ClickHouseType type, Object value) {
        if (value == null) {
            return null;
        }
        ClickHouseType t = type.unwrapped();
        Type target = typeOf(t);
        return switch (target.kind()) {
            case STRING -> text(t, value);
            case INT -> ((Number) value).longValue();
            case FLOAT -> value instanceof Float f ? Double.parseDouble(f.toString()) : ((Number) value).doubleValue();
            case DECIMAL -> value instanceof BigDecimal d ? d
                    : value instanceof BigInteger i ? new BigDecimal(i) : new BigDecimal(value.toString());
            case BOOLEAN -> value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
            case DATE -> date(value);
            case DATETIME -> instant(value);
            case TIME -> time(value);
            case UUID -> value instanceof UUID u ? u : UUID.fromString(value.toString());
            case IP -> value instanceof InetAddress a ? a.getHostAddress() : value.toString();
            case ARRAY -> {
                ClickHouseType element = t.argumentType(0);
                List<Object> out = new ArrayList<>();
                for (Object e : elements(value)) {
                    out.add(valueOf(element, e));
                }
                yield out;
            }
            case JSON -> json(value);
            default -> value.toString();
        };
    }

    /** The point in time a Date, DateTime or DateTime64 value names (a date is its first instant in UTC). */
    static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof java.util.Date d) {
            return d.toInstant();
        }
        throw new IllegalArgumentException("not a point in time: " + value.getClass().getSimpleName());
    }

    private static LocalDate date(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        if (value instanceof TemporalAccessor a) {
            return LocalDate.from(a);
        }
        return LocalDate.parse(value.toString());
    }

    private static LocalTime time(Object value) {
        if (value instanceof LocalTime t) {
            return t;
        }
        if (value instanceof Duration d && !d.isNegative() && d.compareTo(Duration.ofDays(1)) < 0) {
            return LocalTime.ofNanoOfDay(d.toNanos());
        }
        if (value instanceof TemporalAccessor a) {
            return LocalTime.from(a);
        }
        throw new IllegalArgumentException("not a time of day: " + value);
    }

    private static String text(ClickHouseType t, Object value) {
        if (value instanceof byte[] bytes) {
            String s = new String(bytes, StandardCharsets.UTF_8);
            // FixedString pads with zero bytes.
            return t.name().equals("FixedString") ? s.replaceAll("\u0000+$", "") : s;
        }
        if (value instanceof String s) {
            return t.name().equals("FixedString") ? s.replaceAll("\u0000+$", "") : s;
        }
        Object json = json(value);
        return json instanceof String s ? s : String.valueOf(json);
    }

    private static Collection<?> elements(Object value) {
        if (value instanceof Collection<?> c) {
            return c;
        }
        if (value instanceof BinaryStreamReader.ArrayValue a) {
            return a.asList();
        }
        if (value.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(Array.get(value, i));
            }
            return out;
        }
        throw new IllegalArgumentException("not an array: " + value.getClass().getSimpleName());
    }

    /** A JSON-like value: maps with text keys, lists, text, numbers, booleans and nulls. */
    static Object json(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (value instanceof Float f) {
            return Double.parseDouble(f.toString());
        }
        if (value instanceof Number) {
            return value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(json(k)), json(v)));
            return out;
        }
        if (value instanceof Collection<?> || value instanceof BinaryStreamReader.ArrayValue || value.getClass().isArray()) {
            List<Object> out = new ArrayList<>();
            for (Object e : elements(value)) {
                out.add(json(e));
            }
            return out;
        }
        if (value instanceof InetAddress a) {
            return a.getHostAddress();
        }
        if (value instanceof ZonedDateTime || value instanceof OffsetDateTime || value instanceof Instant) {
            return instant(value).toString();
        }
        return value.toString();
    }
}
