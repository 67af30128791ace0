package com.krenalis.core.internal.mapping;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import java.util.List;
import java.util.stream.Collectors;

/** Checks a path against the input schema, when there is one, and gives the shape of its values. */
final class InputPaths {
    private InputPaths() {
    }

    /**
     * @param input     the input schema, or null when the input is schemaless (every path is fine, of any shape)
     * @param segments  keys (String) and indexes (Integer)
     * @param positions where each segment starts in the expression
     */
    static Shape shape(ObjectType input, List<Object> segments, List<Integer> positions) {
        if (input == null) {
            return Shape.ANY;
        }
        Type current = input;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (current.kind() == TypeKind.JSON) {
                return Shape.ANY; // inside json the schema says nothing more
            }
            Object segment = segments.get(i);
            int at = positions.get(i);
            if (segment instanceof String key) {
                if (current instanceof ObjectType object) {
                    String name = walked.isEmpty() ? key : walked + "." + key;
                    current = object.property(key).map(Property::type).orElseThrow(() -> new ExpressionException(at,
                            "unknown input property '" + name + "'" + known(object, walked.isEmpty())));
                } else if (current instanceof ArrayType) {
                    throw new ExpressionException(at, "'" + walked + "' is an array: use an index such as "
                            + walked + "[0]");
                } else {
                    throw new ExpressionException(at, "'" + walked + "' is of type " + current.kind().jsonName()
                            + ": it has no properties");
                }
                walked.append(walked.isEmpty() ? "" : ".").append(key);
            } else {
                if (!(current instanceof ArrayType array)) {
                    throw new ExpressionException(at, "'" + walked + "' is of type " + current.kind().jsonName()
                            + ", not an array: it has no elements");
                }
                current = array.element();
                walked.append('[').append(segment).append(']');
            }
        }
        return Shape.of(current);
    }

    private static String known(ObjectType object, boolean top) {
        if (object.properties().isEmpty()) {
            return " (it has no properties)";
        }
        List<String> names = object.properties().stream().map(Property::name).toList();
        return " (" + (top ? "the input has " : "it has ") + names.stream().limit(30).collect(Collectors.joining(", "))
                + (names.size() > 30 ? ", ..." : "") + ")";
    }
}
