package com.krenalis.core.internal.mapping;

import java.util.List;
import java.util.Map;

/**
 * A value of the input record: keys into objects and indexes into arrays, from the record itself. Whatever is not
 * there is null: an absent key, a JSON null, an index past the end, a key of something that is not an object, an
 * index into something that is not an array.
 */
final class InputPath extends Expression {
    /** Per segment, the key, or null for an index. */
    private final String[] keys;
    /** Per segment, the index (0-based), or -1 for a key. */
    private final int[] indexes;
    /** The path as written, for messages. */
    final String text;

    InputPath(int position, Shape shape, String[] keys, int[] indexes, String text) {
        super(position, shape);
        this.keys = keys;
        this.indexes = indexes;
        this.text = text;
    }

    @Override
    Object eval(Map<String, ?> record) {
        Object v = record;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                if (!(v instanceof Map<?, ?> object)) {
                    return null;
                }
                v = object.get(keys[i]);
            } else if (v instanceof List<?> list) {
                v = indexes[i] < list.size() ? list.get(indexes[i]) : null;
            } else if (v instanceof Object[] array) {
                v = indexes[i] < array.length ? array[indexes[i]] : null;
            } else {
                return null;
            }
        }
        return v;
    }
}
