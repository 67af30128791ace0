package com.krenalis.connector.json;

import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Infers a schema from sample records: a property for every key seen, in order of first appearance, typed by the
 * kinds of its values. Nulls do not count. One kind gives its type: whole numbers {@code int(64)}, other numbers
 * {@code float(64)}, booleans {@code boolean}, strings {@code string}, objects and arrays {@code json}. Mixed kinds
 * widen: whole and other numbers give {@code float}; a mix of scalars (say numbers and strings) gives {@code string},
 * which holds the text of each; a mix with objects or arrays, or only nulls, gives {@code json}, which holds anything.
 */
final class JsonSchemaSample implements JsonRecords.Visitor {
    private final int limit;
    private final Map<String, Set<TypeKind>> kinds = new LinkedHashMap<>();
    private int seen;

    JsonSchemaSample(int limit) {
        this.limit = limit;
    }

    @Override
    public void record(String position, Map<String, Object> properties) {
        seen++;
        properties.forEach((name, value) -> {
            Set<TypeKind> set = kinds.computeIfAbsent(name, k -> EnumSet.noneOf(TypeKind.class));
            if (value != null) {
                set.add(kindOf(value));
            }
        });
    }

    @Override
    public void malformed(String position, String message) {
        seen++; // counts towards the sample's size, so that a file of bad records is not read to its end
    }

    @Override
    public boolean stop() {
        return seen >= limit;
    }

    ObjectType schema() {
        return Type.object(kinds.entrySet().stream().map(e -> Property.of(e.getKey(), typeOf(e.getValue()))).toList());
    }

    private static TypeKind kindOf(Object value) {
        if (value instanceof Long) {
            return TypeKind.INT;
        }
        if (value instanceof Double) {
            return TypeKind.FLOAT;
        }
        if (value instanceof Boolean) {
            return TypeKind.BOOLEAN;
        }
        if (value instanceof String) {
            return TypeKind.STRING;
        }
        return TypeKind.JSON;
    }

    static Type typeOf(Set<TypeKind> kinds) {
        if (kinds.isEmpty() || kinds.contains(TypeKind.JSON)) {
            return Type.json();
        }
        if (kinds.size() == 1) {
            return switch (kinds.iterator().next()) {
                case INT -> Type.int64();
                case FLOAT -> Type.float64();
                case BOOLEAN -> Type.bool();
                default -> Type.string();
            };
        }
        if (kinds.equals(EnumSet.of(TypeKind.INT, TypeKind.FLOAT))) {
            return Type.float64();
        }
        return Type.string();
    }

}
