package com.krenalis.core.internal.filters;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.filters.Filter.Condition;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a filter on one record in memory (events and records in pipelines; JSON-like values or the warehouse's
 * Java types), with the meaning {@link SqlFilter} gives it in the warehouse. A value that does not fit its
 * property's type matches no positive operator.
 */
public final class RecordFilter {
    /** A key absent from a JSON object (or a path through a non-object): not null, but no value either. */
    private static final Object MISSING = new Object();

    private RecordFilter() {
    }

    public static boolean matches(Filter filter, Map<String, ?> record) {
        boolean and = filter.logical() == Filter.Logical.AND;
        for (Condition c : filter.conditions()) {
            if (matches(c, record) != and) {
                return !and;
            }
        }
        return and;
    }

    public static boolean matches(Condition c, Map<String, ?> record) {
        boolean positive = positive(c, c.operator().positive(), value(c, record));
        return c.operator().negative() != positive;
    }

    /** The property's raw value: the record's, or the JSON value at its path; {@link #MISSING} when absent. */
    private static Object value(Condition c, Map<String, ?> record) {
        Object v = record.containsKey(c.column()) ? record.get(c.column()) : MISSING;
        for (String key : c.path()) {
            v = v instanceof Map<?, ?> object && object.containsKey(key) ? object.get(key) : MISSING;
        }
        return v;
    }

    private static boolean positive(Condition c, Operator op, Object raw) {
        if (op == Operator.EXISTS) {
            return raw != MISSING;
        }
        Object v = raw == MISSING ? null : raw;
        if (c.type().kind() == TypeKind.JSON) {
            return json(c, op, v);
        }
        if (c.type().kind() == TypeKind.ARRAY) {
            return array(c, op, v);
        }
        return scalar(c, op, Values.fromRecord(c.type(), v));
    }

    private static boolean scalar(Condition c, Operator op, Object v) {
        if (op == Operator.IS_NULL) {
            return v == null;
        }
        if (op == Operator.IS_EMPTY) {
            return v == null || "".equals(v);
        }
        if (v == null || v == Values.UNREADABLE) {
            return false;
        }
        List<Object> values = c.values();
        return switch (op) {
            case IS -> Values.same(v, values.get(0));
            case IS_ONE_OF -> values.stream().anyMatch(x -> Values.same(v, x));
            case IS_LESS_THAN, IS_BEFORE -> Values.compare(v, values.get(0)) < 0;
            case IS_LESS_THAN_OR_EQUAL_TO -> Values.compare(v, values.get(0)) <= 0;
            case IS_GREATER_THAN, IS_AFTER -> Values.compare(v, values.get(0)) > 0;
            case IS_GREATER_THAN_OR_EQUAL_TO -> Values.compare(v, values.get(0)) >= 0;
            case IS_BETWEEN -> Values.compare(v, values.get(0)) >= 0 && Values.compare(v, values.get(1)) <= 0;
            case CONTAINS -> ((String) v).contains((String) values.get(0));
            case STARTS_WITH -> ((String) v).startsWith((String) values.get(0));
            case ENDS_WITH -> ((String) v).endsWith((String) values.get(0));
            case IS_TRUE -> Boolean.TRUE.equals(v);
            case IS_FALSE -> Boolean.FALSE.equals(v);
            default -> throw new IllegalStateException(op + " on " + c.type());
        };
    }

    private static boolean array(Condition c, Operator op, Object v) {
        List<?> elements = v instanceof List<?> l ? l : v instanceof Object[] a ? Arrays.asList(a) : null;
        return switch (op) {
            case IS_NULL -> v == null;
            case IS_EMPTY -> v == null || elements != null && elements.isEmpty();
            case CONTAINS -> {
                if (elements == null) {
                    yield false;
                }
                Type element = ((ArrayType) c.type()).element();
                for (Object e : elements) {
                    Object x = Values.fromRecord(element, e);
                    if (x != null && x != Values.UNREADABLE && Values.same(x, c.values().get(0))) {
                        yield true;
                    }
                }
                yield false;
            }
            default -> throw new IllegalStateException(op + " on " + c.type());
        };
    }

    private static boolean json(Condition c, Operator op, Object v) {
        List<Object> values = c.values();
        return switch (op) {
            case IS_NULL -> v == null;
            case IS -> v != null && Values.jsonEquals(v, values.get(0));
            case IS_ONE_OF -> v != null && values.stream().anyMatch(x -> Values.jsonEquals(v, x));
            case IS_LESS_THAN -> number(v) != null && number(v).compareTo(decimal(values, 0)) < 0;
            case IS_LESS_THAN_OR_EQUAL_TO -> number(v) != null && number(v).compareTo(decimal(values, 0)) <= 0;
            case IS_GREATER_THAN -> number(v) != null && number(v).compareTo(decimal(values, 0)) > 0;
            case IS_GREATER_THAN_OR_EQUAL_TO -> number(v) != null && number(v).compareTo(decimal(values, 0)) >= 0;
            case IS_BETWEEN -> number(v) != null && number(v).compareTo(decimal(values, 0)) >= 0
                    && number(v).compareTo(decimal(values, 1)) <= 0;
            case CONTAINS -> v instanceof String s && values.get(0) instanceof String x ? s.contains(x)
                    : v instanceof List<?> list && list.stream().anyMatch(e -> e != null && Values.jsonEquals(e, values.get(0)));
            case STARTS_WITH -> v instanceof String s && s.startsWith((String) values.get(0));
            case ENDS_WITH -> v instanceof String s && s.endsWith((String) values.get(0));
            case IS_EMPTY -> v == null || "".equals(v) || v instanceof List<?> l && l.isEmpty()
                    || v instanceof Map<?, ?> m && m.isEmpty();
            case IS_TRUE -> Boolean.TRUE.equals(v);
            case IS_FALSE -> Boolean.FALSE.equals(v);
            default -> throw new IllegalStateException(op + " on json");
        };
    }

    /** A JSON value as a number when it is one (a string of digits is a string, as in jsonb). */
    private static java.math.BigDecimal number(Object v) {
        return v instanceof String ? null : Values.decimal(v);
    }

    private static java.math.BigDecimal decimal(List<Object> values, int index) {
        return (java.math.BigDecimal) values.get(index);
    }
}
