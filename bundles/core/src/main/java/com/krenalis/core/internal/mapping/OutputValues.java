package com.krenalis.core.internal.mapping;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.schema.ValueException;
import com.krenalis.core.internal.schema.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values of expressions converted to output property types. The schema's conversions ({@link Values}) do the work
 * and the checking; before them the mapping adds what a mapping decides and the identity store must not: a number or
 * a boolean mapped into a string property becomes its text. Typed values (java.time, UUID) become their JSON text,
 * which the schema's conversions read. The result is JSON-like, as {@link Values#toJsonValue} makes it.
 */
final class OutputValues {
    private OutputValues() {
    }

    /** @throws ValueException naming {@code path} (or a place inside it) when the value does not fit the type */
    static Object convert(Object value, Type type, String path) {
        return Values.toJsonValue(prepare(value, type), type, path);
    }

    /** The mapping's own conversions; copies only what changes. Values that still do not fit are left to Values. */
    static Object prepare(Object v, Type type) {
        if (v == null || v instanceof String) {
            return v; // the common case; a string where an array or object belongs is for Values to refuse
        }
        switch (type.kind()) {
            case STRING:
                if (v instanceof Boolean) {
                    return v.toString();
                }
                if (v instanceof Number n) {
                    String text = Operands.text(n);
                    return text == null ? v : text; // not finite: for Values to refuse
                }
                return Operands.jsonForm(v);
            case ARRAY: {
                List<?> list = Operands.list(v);
                if (list == null) {
                    return v;
                }
                Type element = ((ArrayType) type).element();
                List<Object> out = null;
                for (int i = 0; i < list.size(); i++) {
                    Object e = list.get(i);
                    Object p = prepare(e, element);
                    if (p != e && out == null) {
                        out = new ArrayList<>(list.subList(0, i));
                    }
                    if (out != null) {
                        out.add(p);
                    }
                }
                return out != null ? out : list;
            }
            case OBJECT: {
                if (!(v instanceof Map<?, ?> map)) {
                    return v;
                }
                ObjectType object = (ObjectType) type;
                Map<Object, Object> out = null;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    Property p = e.getKey() instanceof String key ? object.property(key).orElse(null) : null;
                    Object prepared = p == null ? e.getValue() : prepare(e.getValue(), p.type());
                    if (prepared != e.getValue() && out == null) {
                        out = new LinkedHashMap<>(map);
                    }
                    if (out != null) {
                        out.put(e.getKey(), prepared);
                    }
                }
                return out != null ? out : map;
            }
            case JSON:
                return json(v);
            default:
                return Operands.jsonForm(v);
        }
    }

    /** Any value with its typed values as JSON text, at any depth. */
    private static Object json(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = null;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object j = json(e.getValue());
                if (j != e.getValue() && out == null) {
                    out = new LinkedHashMap<>(map);
                }
                if (out != null) {
                    out.put(e.getKey(), j);
                }
            }
            return out != null ? out : map;
        }
        List<?> list = Operands.list(v);
        if (list != null) {
            List<Object> out = null;
            for (int i = 0; i < list.size(); i++) {
                Object j = json(list.get(i));
                if ((j != list.get(i) || !(v instanceof List)) && out == null) {
                    out = new ArrayList<>(list.subList(0, i));
                }
                if (out != null) {
                    out.add(j);
                }
            }
            return out != null ? out : v instanceof List ? list : new ArrayList<>(list);
        }
        return Operands.jsonForm(v);
    }
}
