package com.krenalis.core.internal.mapping;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.krenalis.core.internal.mapping.Shape.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** len, json_parse, array and map: the functions that measure, read or build arrays and objects. */
final class StructureFunctions {
    /** Exact numbers (1.10 stays 1.10), and a text with anything after its value is not JSON. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StructureFunctions() {
    }

    static Expression len(int position, List<Expression> args) {
        Functions.expect(args.get(0), "len", "a string, an array or an object", Kind.STRING, Kind.ARRAY, Kind.OBJECT);
        return new Len(position, args.get(0));
    }

    static Expression jsonParse(int position, List<Expression> args) {
        Functions.expectText(args.get(0), "json_parse", "a string");
        return new JsonParse(position, args.get(0));
    }

    static Expression array(int position, List<Expression> args) {
        Shape element = Shape.NULL;
        for (Expression a : args) {
            element = Shape.join(element, a.shape);
        }
        return new ArrayOf(position, Shape.arrayOf(element), args.toArray(new Expression[0]));
    }

    static Expression map(int position, List<Expression> args) {
        if (args.size() % 2 != 0) {
            throw new ExpressionException(position, "map takes keys and values in pairs — map(key, value, key, "
                    + "value, ...) — not " + args.size() + " arguments");
        }
        int n = args.size() / 2;
        Expression[] keys = new Expression[n];
        Expression[] values = new Expression[n];
        Map<String, Shape> known = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        boolean literalKeys = true;
        for (int i = 0; i < n; i++) {
            keys[i] = args.get(2 * i);
            values[i] = args.get(2 * i + 1);
            Functions.expectText(keys[i], "map", "strings as keys");
            if (keys[i] instanceof Literal l && l.value instanceof String key) {
                if (!seen.add(key)) {
                    throw new ExpressionException(l.position, "map has the key \"" + key + "\" twice");
                }
                known.put(key, values[i].shape);
            } else if (keys[i] instanceof Literal l && l.value == null) {
                throw new ExpressionException(l.position, "map keys cannot be null");
            } else {
                literalKeys = false;
            }
        }
        return new MapOf(position, literalKeys ? Shape.objectOf(known) : Shape.OBJECT, keys, values, literalKeys);
    }

    /** Characters (code points) of a string, elements of an array, keys of an object; null for null. */
    static final class Len extends Expression {
        private final Expression arg;

        Len(int position, Expression arg) {
            super(position, Shape.NUMBER);
            this.arg = arg;
        }

        @Override
        Object eval(Map<String, ?> record) {
            Object v = arg.eval(record);
            if (v == null) {
                return null;
            } else if (v instanceof String s) {
                return (long) s.codePointCount(0, s.length());
            } else if (v instanceof Map<?, ?> m) {
                return (long) m.size();
            }
            List<?> list = Operands.list(v);
            if (list == null) {
                throw new ExpressionException(arg.position, "len takes a string, an array or an object, was "
                        + Operands.describe(v));
            }
            return (long) list.size();
        }
    }

    /** The JSON value a string holds: Map, List, String, Integer/Long/BigInteger, BigDecimal, Boolean or null. */
    static final class JsonParse extends Expression {
        private final Expression arg;

        JsonParse(int position, Expression arg) {
            super(position, Shape.ANY);
            this.arg = arg;
        }

        @Override
        Object eval(Map<String, ?> record) {
            Object v = arg.eval(record);
            if (v == null) {
                return null;
            }
            String text = Operands.text(v, arg, "json_parse");
            try {
                return JSON.readValue(text, Object.class);
            } catch (JsonProcessingException e) {
                // Jackson's message quotes the text, which may be personal data: only say where.
                JsonLocation at = e.getLocation();
                throw new ExpressionException(position, "json_parse was given a string that is not JSON"
                        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
            }
        }
    }

    /** The arguments that are not null, in order: array(a, b) of values that may be missing gives those present. */
    static final class ArrayOf extends Expression {
        final Expression[] args;

        ArrayOf(int position, Shape shape, Expression[] args) {
            super(position, shape);
            this.args = args;
        }

        @Override
        Object eval(Map<String, ?> record) {
            List<Object> out = new ArrayList<>(args.length);
            for (Expression a : args) {
                Object v = a.eval(record);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    /** An object of the key-value pairs whose value is not null; a later pair wins over an earlier one's key. */
    static final class MapOf extends Expression {
        final Expression[] keys;
        final Expression[] values;
        /** Whether every key is a string literal, so that compile time knows the object's keys. */
        final boolean literalKeys;

        MapOf(int position, Shape shape, Expression[] keys, Expression[] values, boolean literalKeys) {
            super(position, shape);
            this.keys = keys;
            this.values = values;
            this.literalKeys = literalKeys;
        }

        @Override
        Object eval(Map<String, ?> record) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keys.length; i++) {
                Object k = keys[i].eval(record);
                if (k == null) {
                    throw new ExpressionException(keys[i].position, "map keys cannot be null");
                }
                String key = Operands.text(k, keys[i], "map (as a key)");
                Object v = values[i].eval(record);
                if (v != null) {
                    out.put(key, v);
                } else {
                    out.remove(key);
                }
            }
            return out;
        }
    }
}
