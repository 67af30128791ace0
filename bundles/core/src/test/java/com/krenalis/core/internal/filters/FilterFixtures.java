package com.krenalis.core.internal.filters;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Properties of every type, and filters written as their JSON form. */
final class FilterFixtures {
    static final Map<String, Type> PROPERTIES = new LinkedHashMap<>();

    static {
        PROPERTIES.put("email", Type.string());
        PROPERTIES.put("age", Type.int32());
        PROPERTIES.put("score", Type.float64());
        PROPERTIES.put("balance", Type.decimal(10, 2));
        PROPERTIES.put("vip", Type.bool());
        PROPERTIES.put("seen", Type.datetime());
        PROPERTIES.put("birthday", Type.date());
        PROPERTIES.put("wake", Type.time());
        PROPERTIES.put("ref", Type.uuid());
        PROPERTIES.put("ip", Type.ip());
        PROPERTIES.put("tags", Type.array(Type.string()));
        PROPERTIES.put("lucky", Type.array(Type.int64()));
        PROPERTIES.put("traits", Type.json());
        PROPERTIES.put("address", Type.object(List.of(Property.of("city", Type.string()))));
    }

    private FilterFixtures() {
    }

    /** {@code {"property":..,"operator":..,"values":[..]}} */
    static Map<String, Object> condition(String property, String operator, Object... values) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("property", property);
        c.put("operator", operator);
        c.put("values", new ArrayList<>(Arrays.asList(values)));
        return c;
    }

    static Map<String, Object> filter(String logical, Object... conditions) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("logical", logical);
        f.put("conditions", new ArrayList<>(Arrays.asList(conditions)));
        return f;
    }

    static Filter parse(String property, String operator, Object... values) {
        return FilterParser.parse(filter("and", condition(property, operator, values)), "filter", PROPERTIES);
    }

    /** A record with the given keys and values, nulls allowed. */
    static Map<String, Object> record(Object... keysAndValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            r.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return r;
    }
}
