package com.krenalis.core.internal.mapping;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The values functions work on, as they are at run time: JSON-like values (String, Number, Boolean, List, Map) and
 * the typed values a typed source may hold (java.time values, UUID), which count as their JSON text.
 */
final class Operands {
    /** Beyond this many digits a number's text is written in scientific notation instead of plainly. */
    private static final int MAX_PLAIN_DIGITS = 100;

    private Operands() {
    }

    /**
     * A typed value as the text it has in JSON: an instant in ISO-8601 UTC, a date {@code 2026-01-31}, a time
     * {@code 08:00:00}, a UUID in lower case; any other value as it is.
     */
    static Object jsonForm(Object v) {
        if (v instanceof String || v instanceof Number || v instanceof Boolean || v == null) {
            return v;
        } else if (v instanceof Instant i) {
            return i.toString();
        } else if (v instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        } else if (v instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        } else if (v instanceof LocalTime t) {
            return t.format(DateTimeFormatter.ISO_LOCAL_TIME);
        } else if (v instanceof LocalDate || v instanceof LocalDateTime || v instanceof UUID) {
            return v.toString();
        }
        return v;
    }

    /**
     * The text a function that takes text works on: a string; a number or a boolean as its text ({@link #text(Number)},
     * {@code true}); a typed value as its JSON text. Arrays and objects have no text.
     */
    static String text(Object v, Expression at, String function) {
        if (v instanceof String s) {
            return s;
        }
        Object text = v instanceof Number n ? text(n) : v instanceof Boolean ? v.toString() : jsonForm(v);
        if (text instanceof String s) {
            return s;
        }
        throw new ExpressionException(at.position, function + " takes a string, was " + describe(v));
    }

    /**
     * A number as text: whole numbers as their digits, others in plain notation without trailing zeros ({@code 3.5},
     * not {@code 3.50} or {@code 3.5E0}), so the text does not depend on how a JSON parser read the number; past
     * 100 digits in scientific notation ({@code 1E+1000}). Null for a number that is not finite.
     */
    static String text(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        BigDecimal d = decimal(n);
        if (d == null) {
            return null;
        }
        if (d.signum() == 0) {
            return "0";
        }
        d = d.stripTrailingZeros();
        long digits = d.scale() <= 0 ? (long) d.precision() - d.scale() : Math.max(d.precision(), d.scale() + 1L);
        return digits > MAX_PLAIN_DIGITS ? d.toString() : d.toPlainString();
    }

    /** A whole number (3, 3.0), for positions and lengths. */
    static long whole(Object v, Expression at, String function, String what) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        BigDecimal d = v instanceof Number n ? decimal(n) : null;
        if (d != null && (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0)) {
            // Beyond the long range a position or length is past every string anyway.
            return d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE
                    : d.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0 ? Long.MIN_VALUE : d.longValueExact();
        }
        throw new ExpressionException(at.position, function + " takes a whole number as its " + what + ", was "
                + describe(v));
    }

    /** A number's exact value (a double as its shortest decimal), or null when it is not finite. */
    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        } else if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        } else if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            return null;
        }
        return n instanceof Float f ? new BigDecimal(Float.toString(f)) : new BigDecimal(Double.toString(d));
    }

    /**
     * Equality as JSON has it: numbers by value (1 equals 1.0), strings exactly, arrays element by element, objects
     * key by key; values of different JSON types are never equal ("1" is not 1); null equals only null.
     */
    static boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        a = jsonForm(a);
        b = jsonForm(b);
        if (a instanceof String || a instanceof Boolean) {
            return a.equals(b);
        }
        if (a instanceof Number x) {
            if (!(b instanceof Number y)) {
                return false;
            }
            if (isIntegral(x) && isIntegral(y)) {
                return x.longValue() == y.longValue();
            }
            BigDecimal dx = decimal(x);
            BigDecimal dy = decimal(y);
            return dx != null && dy != null ? dx.compareTo(dy) == 0 : x.equals(y);
        }
        List<?> la = list(a);
        List<?> lb = list(b);
        if (la != null || lb != null) {
            if (la == null || lb == null || la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!equal(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !equal(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte;
    }

    /** A list, or an array as a list; null for anything else. */
    static List<?> list(Object v) {
        return v instanceof List<?> l ? l : v instanceof Object[] a ? Arrays.asList(a) : null;
    }

    /** What kind of value something is, for messages; never the value itself (it may be personal data). */
    static String describe(Object v) {
        Object j = jsonForm(v);
        if (j == null) {
            return "null";
        } else if (j instanceof String) {
            return v instanceof String ? "a string" : "a value of type " + v.getClass().getSimpleName();
        } else if (j instanceof Boolean b) {
            return b.toString();
        } else if (j instanceof Number) {
            return "a number";
        } else if (list(j) != null) {
            return "an array";
        } else if (j instanceof Map<?, ?>) {
            return "an object";
        }
        return "a value of class " + v.getClass().getName();
    }
}
