package com.krenalis.core.internal.mapping;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What compile time knows about the values of an expression: their kind and, for arrays and objects, their parts.
 * {@link Kind#ANY} is "unknown" (a path into schemaless input or json, a parsed JSON text): such expressions are
 * checked only when they run.
 *
 * @param element    the shape of an array's elements; null for other kinds
 * @param properties an object's keys and their shapes when they are known (all of them), else null
 */
record Shape(Kind kind, Shape element, Map<String, Shape> properties) {

    enum Kind { ANY, NULL, STRING, NUMBER, BOOLEAN, DATETIME, DATE, TIME, ARRAY, OBJECT }

    static final Shape ANY = new Shape(Kind.ANY, null, null);
    static final Shape NULL = new Shape(Kind.NULL, null, null);
    static final Shape STRING = new Shape(Kind.STRING, null, null);
    static final Shape NUMBER = new Shape(Kind.NUMBER, null, null);
    static final Shape BOOLEAN = new Shape(Kind.BOOLEAN, null, null);
    static final Shape OBJECT = new Shape(Kind.OBJECT, null, null);

    static Shape arrayOf(Shape element) {
        return new Shape(Kind.ARRAY, element, null);
    }

    static Shape objectOf(Map<String, Shape> properties) {
        return new Shape(Kind.OBJECT, null, properties == null ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(properties))); // ordered, for messages
    }

    /** The shape of values of a schema type; uuid and ip values are text. */
    static Shape of(Type type) {
        return switch (type.kind()) {
            case STRING, UUID, IP -> STRING;
            case INT, FLOAT, DECIMAL -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case DATETIME -> new Shape(Kind.DATETIME, null, null);
            case DATE -> new Shape(Kind.DATE, null, null);
            case TIME -> new Shape(Kind.TIME, null, null);
            case JSON -> ANY;
            case ARRAY -> arrayOf(of(((ArrayType) type).element()));
            case OBJECT -> {
                Map<String, Shape> properties = new LinkedHashMap<>();
                for (Property p : ((ObjectType) type).properties()) {
                    properties.put(p.name(), of(p.type()));
                }
                yield objectOf(properties);
            }
        };
    }

    /** The shape of a value that is one of two (the branches of {@code if}, the arguments of {@code coalesce}). */
    static Shape join(Shape a, Shape b) {
        if (a.kind == Kind.NULL || a.equals(b)) {
            return b;
        }
        if (b.kind == Kind.NULL) {
            return a;
        }
        if (a.kind != b.kind || a.kind == Kind.ANY) {
            return ANY;
        }
        return a.kind == Kind.ARRAY ? arrayOf(join(a.element, b.element)) : a.kind == Kind.OBJECT ? OBJECT : a;
    }

    boolean isAny(Kind... kinds) {
        if (kind == Kind.ANY || kind == Kind.NULL) {
            return true;
        }
        for (Kind k : kinds) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    /** For messages: "a string", "an array". */
    String describe() {
        return switch (kind) {
            case ANY -> "any value";
            case NULL -> "null";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case DATETIME -> "a date and time";
            case DATE -> "a date";
            case TIME -> "a time of day";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
        };
    }
}
