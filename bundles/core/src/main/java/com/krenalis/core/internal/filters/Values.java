package com.krenalis.core.internal.filters;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Values of both sides of a condition in one comparable form per type: the filter's own values (JSON, validated) and
 * the values of records evaluated in memory (JSON-like values as the profile and event readers return them, or the
 * Java types of the warehouse). Times are kept to microseconds, the warehouse's precision.
 */
final class Values {
    /** A record value that does not fit the property's type: it matches no positive operator, and is not null. */
    static final Object UNREADABLE = new Object() {
        @Override
        public String toString() {
            return "unreadable";
        }
    };

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Values() {
    }

    /** Whether values of the type are kept as JSON in the warehouse (objects, arrays of non-scalars, JSON). */
    static boolean isJson(Type type) {
        return switch (type.kind()) {
            case JSON, OBJECT -> true;
            case ARRAY -> switch (((ArrayType) type).element().kind()) {
                case ARRAY, OBJECT, JSON -> true;
                default -> false;
            };
            default -> false;
        };
    }

    /**
     * A filter value for a property of the (scalar, non-JSON) type; null when it does not fit, with {@link #expected}
     * saying what does.
     */
    static Object fromFilter(Type type, Object value) {
        switch (type.kind()) {
            case STRING:
                return value instanceof String s ? s : null;
            case INT:
            case DECIMAL:
                return decimal(value);
            case FLOAT: {
                BigDecimal d = decimal(value);
                return d == null ? null : d.doubleValue();
            }
            case BOOLEAN:
                return value instanceof Boolean b ? b : null;
            case DATETIME:
                return value instanceof String s ? instant(s) : null;
            case DATE:
                return value instanceof String s ? date(s) : null;
            case TIME:
                return value instanceof String s ? time(s) : null;
            case UUID:
                return value instanceof String s && UUID_TEXT.matcher(s).matches() ? UUID.fromString(s) : null;
            case IP:
                return value instanceof String s ? IpAddress.parse(s).orElse(null) : null;
            default:
                throw new IllegalArgumentException("not a scalar type: " + type.kind());
        }
    }

    static String expected(Type type) {
        return switch (type.kind()) {
            case STRING -> "a string";
            case INT, DECIMAL, FLOAT -> "a number";
            case BOOLEAN -> "true or false";
            case DATETIME -> "an ISO-8601 date and time with an offset, such as 2026-11-23T10:15:30Z";
            case DATE -> "an ISO-8601 date such as 2026-11-23";
            case TIME -> "an ISO-8601 time of day such as 10:15:30";
            case UUID -> "a UUID such as 0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d";
            case IP -> "an IPv4 or IPv6 address";
            default -> "a value of type " + type.kind().jsonName();
        };
    }

    /**
     * A record's value for a property of the (scalar, non-JSON) type: null, the comparable form, or
     * {@link #UNREADABLE}.
     */
    static Object fromRecord(Type type, Object value) {
        if (value == null) {
            return null;
        }
        Object v = switch (type.kind()) {
            case STRING -> value instanceof String ? value : null;
            case INT, DECIMAL -> decimal(value);
            case FLOAT -> value instanceof Number n ? n.doubleValue() : null;
            case BOOLEAN -> value instanceof Boolean ? value : null;
            case DATETIME -> value instanceof Instant i ? i.truncatedTo(ChronoUnit.MICROS)
                    : value instanceof OffsetDateTime o ? o.toInstant().truncatedTo(ChronoUnit.MICROS)
                    : value instanceof ZonedDateTime z ? z.toInstant().truncatedTo(ChronoUnit.MICROS)
                    : value instanceof java.util.Date d ? d.toInstant().truncatedTo(ChronoUnit.MICROS)
                    : value instanceof String s ? instant(s) : null;
            case DATE -> value instanceof LocalDate ? value : value instanceof java.sql.Date d ? d.toLocalDate()
                    : value instanceof String s ? date(s) : null;
            case TIME -> value instanceof LocalTime t ? t.truncatedTo(ChronoUnit.MICROS)
                    : value instanceof String s ? time(s) : null;
            case UUID -> value instanceof UUID ? value
                    : value instanceof String s && UUID_TEXT.matcher(s).matches() ? UUID.fromString(s) : null;
            case IP -> value instanceof IpAddress ? value : value instanceof String s ? IpAddress.parse(s).orElse(null) : null;
            default -> throw new IllegalArgumentException("not a scalar type: " + type.kind());
        };
        return v == null ? UNREADABLE : v;
    }

    /** A JSON number as a BigDecimal, or null when the value is not a (finite) number. */
    static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return new BigDecimal(value.toString()); // the shortest decimal that reads back as the same double
        }
        return null;
    }

    /** Whether a value is a JSON scalar a condition on JSON can compare with: a string, a number or a boolean. */
    static boolean isJsonScalar(Object value) {
        return value instanceof String || value instanceof Boolean || decimal(value) != null;
    }

    /**
     * JSON equality as PostgreSQL's {@code jsonb =}: same JSON type, numbers by value, strings by code points;
     * objects and arrays (record side only) are never equal to a filter's scalar.
     */
    static boolean jsonEquals(Object recordValue, Object filterValue) {
        if (filterValue instanceof BigDecimal d) {
            BigDecimal v = decimal(recordValue);
            return v != null && v.compareTo(d) == 0;
        }
        return !(recordValue instanceof Map) && !(recordValue instanceof List) && filterValue.equals(recordValue);
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalTime time(String s) {
        try {
            return LocalTime.parse(s).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Orders two comparable values of one type; doubles as PostgreSQL orders float8 (NaN last, -0 = 0). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            if (x.doubleValue() == y.doubleValue() || x.isNaN() && y.isNaN()) {
                return 0;
            }
            return x.isNaN() ? 1 : y.isNaN() ? -1 : x < y ? -1 : 1;
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Equality of two comparable values of one type. */
    static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal || a instanceof Double) {
            return compare(a, b) == 0;
        }
        return a.equals(b);
    }
}
