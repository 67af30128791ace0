package com.krenalis.transform.javascript.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON text that the guest's {@code JSON.stringify} made of a returned record, as Java values: objects as
 * {@link LinkedHashMap} in the guest's key order, arrays as {@link List}, integral numbers as {@link Long} (as
 * {@link Double} beyond its range), other numbers as {@link Double}, strings, booleans and null. The input is
 * well-formed by construction, so a malformed one is a bug and fails with {@link IllegalArgumentException}.
 */
final class RecordDecoder {
    /** Deeper output is refused rather than risking this thread's stack. */
    static final int MAX_DEPTH = 1000;

    private final String in;
    private int pos;

    private RecordDecoder(String in) {
        this.in = in;
    }

    /** The decoded value: a Map for a record, anything else for a value that is not one. */
    static Object decode(String json) {
        RecordDecoder decoder = new RecordDecoder(json);
        Object value = decoder.value(0);
        if (decoder.pos != json.length()) {
            throw decoder.malformed();
        }
        return value;
    }

    /** UTF-8 length of {@code s}; a lone surrogate counts 3 bytes, like its replacement character. */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw new DepthException();
        }
        char c = peek();
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // {
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            String key = string();
            expect(':');
            map.put(key, value(depth + 1));
            char c = next();
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw malformed();
            }
        }
    }

    private List<Object> array(int depth) {
        List<Object> list = new ArrayList<>();
        pos++; // [
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value(depth + 1));
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw malformed();
            }
        }
    }

    private String string() {
        expect('"');
        StringBuilder sb = null;
        int start = pos;
        while (true) {
            char c = next();
            if (c == '"') {
                return sb == null ? in.substring(start, pos - 1) : sb.toString();
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder().append(in, start, pos - 1);
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > in.length()) {
                            throw malformed();
                        }
                        sb.append((char) Integer.parseInt(in, pos, pos + 4, 16));
                        pos += 4;
                    }
                    default -> throw malformed();
                }
            } else if (sb != null) {
                sb.append(c);
            }
        }
    }

    private Object number() {
        int start = pos;
        boolean integral = true;
        while (pos < in.length()) {
            char c = in.charAt(pos);
            if (c == '.' || c == 'e' || c == 'E') {
                integral = false;
            } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
                break;
            }
            pos++;
        }
        if (start == pos) {
            throw malformed();
        }
        String token = in.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException e) {
                // an integral number beyond a long (JSON.stringify writes 1e20 as 100000000000000000000)
            }
        }
        return Double.parseDouble(token);
    }

    private Object literal(String word, Object value) {
        if (!in.startsWith(word, pos)) {
            throw malformed();
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (next() != c) {
            throw malformed();
        }
    }

    private char peek() {
        if (pos >= in.length()) {
            throw malformed();
        }
        return in.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private IllegalArgumentException malformed() {
        return new IllegalArgumentException("malformed JSON from the guest at offset " + pos);
    }

    /** The output is nested deeper than {@link #MAX_DEPTH}. */
    static final class DepthException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DepthException() {
            super(null, null, false, false);
        }
    }
}
