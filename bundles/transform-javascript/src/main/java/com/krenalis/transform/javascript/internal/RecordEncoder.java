package com.krenalis.transform.javascript.internal;

import com.krenalis.api.transform.TransformationException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A record as JSON text, which the guest turns into plain JavaScript objects with {@code JSON.parse}: plain objects
 * and arrays (no host objects) in one guest call, whatever the record's size. Numbers become JavaScript numbers
 * (doubles); a double that is not finite becomes null, as JSON has no NaN or Infinity.
 */
final class RecordEncoder {
    /** Deeper records are refused, which also stops a map that contains itself. */
    static final int MAX_DEPTH = 256;

    private final StringBuilder out = new StringBuilder(256);

    private RecordEncoder() {
    }

    static String encode(Map<String, ?> record) throws TransformationException {
        RecordEncoder encoder = new RecordEncoder();
        encoder.map(record, "", 0);
        return encoder.out.toString();
    }

    private void value(Object v, String path, int depth) throws TransformationException {
        if (v == null) {
            out.append("null");
        } else if (v instanceof CharSequence || v instanceof Character) {
            string(v.toString());
        } else if (v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof BigDecimal d) {
            out.append(d.toString());
        } else if (v instanceof Map<?, ?> m) {
            map(m, path, depth + 1);
        } else if (v instanceof List<?> list) {
            list(list, path, depth + 1);
        } else {
            throw new TransformationException("the record's value at " + where(path) + " is a " + v.getClass().getName()
                    + "; records hold only strings, numbers, booleans, null, lists and maps");
        }
    }

    private void map(Map<?, ?> m, String path, int depth) throws TransformationException {
        checkDepth(path, depth);
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            String key = String.valueOf(e.getKey());
            string(key);
            out.append(':');
            value(e.getValue(), path.isEmpty() ? key : path + "." + key, depth);
        }
        out.append('}');
    }

    private void list(List<?> list, String path, int depth) throws TransformationException {
        checkDepth(path, depth);
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            value(list.get(i), path + "[" + i + "]", depth);
        }
        out.append(']');
    }

    private static void checkDepth(String path, int depth) throws TransformationException {
        if (depth > MAX_DEPTH) {
            throw new TransformationException("the record is nested deeper than " + MAX_DEPTH + " levels at " + where(path));
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c); // the text reaches the guest as a string, not bytes: lone surrogates survive
                    }
                }
            }
        }
        out.append('"');
    }

    private static String where(String path) {
        return path.isEmpty() ? "the top level" : "'" + path + "'";
    }
}
