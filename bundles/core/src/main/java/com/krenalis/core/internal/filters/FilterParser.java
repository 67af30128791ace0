package com.krenalis.core.internal.filters;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.filters.Filter.Condition;
import com.krenalis.core.internal.filters.Filter.Logical;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a filter from its JSON form, {@code {"logical":"and"|"or","conditions":[{"property","operator","values"}]}},
 * and checks it against the properties it may use: each operator against its property's type, each value's count
 * and type. Errors name the field, e.g. {@code filter.conditions[2].operator}.
 */
public final class FilterParser {
    /** More conditions than a person writes; a bound on the SQL a request can make. */
    public static final int MAX_CONDITIONS = 100;
    private static final Set<String> FILTER_FIELDS = Set.of("logical", "conditions");
    private static final Set<String> CONDITION_FIELDS = Set.of("property", "operator", "values");

    private FilterParser() {
    }

    /**
     * @param json       the filter as JSON-like values (Map, List, String, Number, Boolean)
     * @param field      the name of the filter in errors, e.g. {@code filter}
     * @param properties the properties conditions may use (columns, or keys of records), with their types
     */
    public static Filter parse(Object json, String field, Map<String, Type> properties) {
        Map<?, ?> filter = object(json, field);
        unknownFields(filter, field, FILTER_FIELDS);
        Logical logical = switch (String.valueOf(filter.get("logical"))) {
            case "and" -> Logical.AND;
            case "or" -> Logical.OR;
            default -> throw invalid(field + ".logical", "must be \"and\" or \"or\"");
        };
        if (!(filter.get("conditions") instanceof List<?> list)) {
            throw invalid(field + ".conditions", "must be an array of conditions");
        }
        if (list.isEmpty() || list.size() > MAX_CONDITIONS) {
            throw invalid(field + ".conditions", "must have 1 to " + MAX_CONDITIONS
                    + " conditions (omit the filter to match everything)");
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            conditions.add(condition(list.get(i), field + ".conditions[" + i + "]", properties));
        }
        return new Filter(logical, conditions);
    }

    private static Condition condition(Object json, String at, Map<String, Type> properties) {
        Map<?, ?> c = object(json, at);
        unknownFields(c, at, CONDITION_FIELDS);
        if (!(c.get("property") instanceof String property) || property.isEmpty()) {
            throw invalid(at + ".property", "is required and must be a property name such as email or address.city");
        }
        List<String> segments = Arrays.asList(property.split("\\.", -1));
        if (segments.contains("")) {
            throw invalid(at + ".property", "'" + property + "' has an empty segment");
        }
        String column = segments.get(0);
        Type declared = properties.get(column);
        if (declared == null) {
            throw invalid(at + ".property", "unknown property '" + column + "'");
        }
        List<String> path = segments.subList(1, segments.size());
        if (!path.isEmpty() && !Values.isJson(declared)) {
            throw invalid(at + ".property", "'" + column + "' is of type " + declared.kind().jsonName()
                    + ": only json and object properties have nested properties");
        }
        Type type = Values.isJson(declared) ? Type.json() : declared;

        if (!(c.get("operator") instanceof String name)) {
            throw invalid(at + ".operator", "is required");
        }
        Operator operator = Operator.fromJson(name).orElseThrow(() -> invalid(at + ".operator", "unknown operator '"
                + name + "'; use one of " + Arrays.stream(Operator.values()).map(Operator::json)
                .collect(Collectors.joining(", "))));
        if (!Operator.applicableTo(type.kind()).contains(operator)) {
            throw invalid(at + ".operator", "'" + name + "' does not apply to " + describe(type) + "; use one of "
                    + Operator.applicableTo(type.kind()).stream().filter(o -> o.positive() != Operator.EXISTS)
                    .map(Operator::json).collect(Collectors.joining(", ")));
        }
        if (operator.positive() == Operator.EXISTS && path.isEmpty()) {
            throw invalid(at + ".operator", "'" + name + "' applies only to a nested property such as "
                    + column + ".key (a column always exists)");
        }
        List<Object> values = values(c.get("values"), at + ".values", type, operator);
        return new Condition(property, column, path, type, operator, values);
    }

    private static List<Object> values(Object json, String at, Type type, Operator operator) {
        List<?> raw;
        if (json == null && operator.maxValues() == 0) {
            raw = List.of();
        } else if (json instanceof List<?> list) {
            raw = list;
        } else {
            throw invalid(at, "must be an array of values");
        }
        if (raw.size() < operator.minValues() || raw.size() > operator.maxValues()) {
            String count = operator.maxValues() == 0 ? "no values"
                    : operator.minValues() == operator.maxValues() ? operator.minValues() + (operator.minValues() == 1 ? " value" : " values")
                    : operator.minValues() + " to " + operator.maxValues() + " values";
            throw invalid(at, "'" + operator.json() + "' takes " + count);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            values.add(value(raw.get(i), at + "[" + i + "]", type, operator));
        }
        if (operator.positive() == Operator.IS_BETWEEN && Values.compare(values.get(0), values.get(1)) > 0) {
            throw invalid(at, "the first value must not be greater than the second");
        }
        return values;
    }

    private static Object value(Object json, String at, Type type, Operator operator) {
        if (type.kind() == TypeKind.JSON) {
            return jsonValue(json, at, operator);
        }
        Type of = type.kind() == TypeKind.ARRAY ? ((ArrayType) type).element() : type;
        Object v = json == null ? null : Values.fromFilter(of, json);
        if (v == null) {
            throw invalid(at, "must be " + Values.expected(of));
        }
        return v;
    }

    /** A value compared with JSON: numbers for ordering, strings for text operators, any scalar otherwise. */
    private static Object jsonValue(Object json, String at, Operator operator) {
        switch (operator.positive()) {
            case IS_LESS_THAN, IS_LESS_THAN_OR_EQUAL_TO, IS_GREATER_THAN, IS_GREATER_THAN_OR_EQUAL_TO, IS_BETWEEN -> {
                BigDecimal d = Values.decimal(json);
                if (d == null) {
                    throw invalid(at, "must be a number");
                }
                return d;
            }
            case STARTS_WITH, ENDS_WITH -> {
                return text(json, at);
            }
            default -> {
                if (!Values.isJsonScalar(json)) {
                    throw invalid(at, "must be a string, a number or true or false");
                }
                BigDecimal d = Values.decimal(json);
                return d != null ? d : json;
            }
        }
    }

    private static String text(Object json, String at) {
        if (!(json instanceof String s)) {
            throw invalid(at, "must be a string");
        }
        return s;
    }

    private static String describe(Type type) {
        return switch (type.kind()) {
            case ARRAY -> "an array";
            case JSON -> "a json value";
            default -> "a property of type " + type.kind().jsonName();
        };
    }

    private static Map<?, ?> object(Object json, String at) {
        if (!(json instanceof Map<?, ?> map)) {
            throw invalid(at, "must be a JSON object");
        }
        return map;
    }

    private static void unknownFields(Map<?, ?> map, String at, Set<String> known) {
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw invalid(at + "." + key, "unknown field");
            }
        }
    }

    private static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, message);
    }
}
