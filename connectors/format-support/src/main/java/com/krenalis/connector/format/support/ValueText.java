package com.krenalis.connector.format.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The text of a record's value in a text file: ISO-8601 for times ({@code 2026-03-01T10:00:00.123Z}, in UTC), plain
 * notation for decimals ({@code 0.00001}, never {@code 1E-5}), JSON for maps and lists, {@code toString} otherwise
 * (dates, times, UUIDs, booleans, whole numbers).
 */
public final class ValueText {
    private ValueText() {
    }

    /** The text of a value; null stays null. */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            StringBuilder b = new StringBuilder();
            json(value, b);
            return b.toString();
        }
        return scalar(value);
    }

    private static String scalar(Object value) {
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant().toString();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant().toString();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC).toString();
        }
        if (value instanceof Date d) {
            return d.toInstant().toString();
        }
        if (value instanceof Instant i) {
            return i.toString();
        }
        return value.toString();
    }

    private static void json(Object value, StringBuilder b) {
        if (value == null) {
            b.append("null");
        } else if (value instanceof Map<?, ?> map) {
            b.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                quote(String.valueOf(e.getKey()), b);
                b.append(':');
                json(e.getValue(), b);
                if (it.hasNext()) {
                    b.append(',');
                }
            }
            b.append('}');
        } else if (value instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                json(list.get(i), b);
            }
            b.append(']');
        } else if (value instanceof Boolean || value instanceof BigDecimal || isFiniteNumber(value)) {
            b.append(scalar(value));
        } else {
            quote(value instanceof String s ? s : scalar(value), b);
        }
    }

    private static boolean isFiniteNumber(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d);
        }
        if (value instanceof Float f) {
            return Float.isFinite(f);
        }
        return value instanceof Number;
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
