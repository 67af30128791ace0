package com.krenalis.core.internal.mapping;

import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.Property;
import com.krenalis.core.internal.schema.ValueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An output property a mapping sets: from an expression, or, for an object property mapped by its nested properties
 * ({@code address.city}), from its mapped properties. No value (null) means the property is left out of the output.
 */
final class OutputProperty {
    static final String REQUIRED = "is required (the property is not nullable), and the expression gave no value";

    final Property property;
    /** The property's path in the output, e.g. {@code address.city}: the field of its errors. */
    final String path;
    /** The expression and its text, or null for an object built from {@link #children}. */
    private final Expression expression;
    private final String source;
    /** The mapped nested properties, in schema order; null for a property set by an expression. */
    private final OutputProperty[] children;

    private OutputProperty(Property property, String path, Expression expression, String source, OutputProperty[] children) {
        this.property = property;
        this.path = path;
        this.expression = expression;
        this.source = source;
        this.children = children;
    }

    static OutputProperty ofExpression(Property property, String path, Expression expression, String source) {
        return new OutputProperty(property, path, expression, source, null);
    }

    static OutputProperty ofObject(Property property, String path, List<OutputProperty> children) {
        return new OutputProperty(property, path, null, null, children.toArray(new OutputProperty[0]));
    }

    /** Evaluates the property for a record and puts its converted value into {@code out}, or reports why not. */
    void write(Map<String, ?> record, Map<String, Object> out, List<FieldError> errors) {
        int before = errors.size();
        Object value = value(record, errors);
        if (value != null) {
            out.put(property.name(), value);
        } else if (!property.nullable() && errors.size() == before) {
            errors.add(new FieldError(path, REQUIRED));
        }
    }

    /** The converted value, or null when there is none or it failed (then reported). */
    private Object value(Map<String, ?> record, List<FieldError> errors) {
        if (expression != null) {
            try {
                return OutputValues.convert(expression.eval(record), property.type(), path);
            } catch (ExpressionException e) {
                errors.add(new FieldError(path, e.describe(source)));
            } catch (ValueException e) {
                errors.add(new FieldError(e.path(), e.reason()));
            }
            return null;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        int before = errors.size();
        for (OutputProperty child : children) {
            Object v = child.value(record, errors);
            if (v != null) {
                object.put(child.property.name(), v);
            }
        }
        if (object.isEmpty() && property.nullable()) {
            return null; // no nested value: no object, and a required nested property is not missing from it
        }
        for (OutputProperty child : children) {
            // Only after the object exists are its required properties missing ({} is a value of a required object).
            if (!child.property.nullable() && !object.containsKey(child.property.name()) && !failed(child, errors, before)) {
                errors.add(new FieldError(child.path, REQUIRED));
            }
        }
        return errors.size() > before ? null : object;
    }

    /** Whether a child reported an error of its own (then it is not also "missing"). */
    private static boolean failed(OutputProperty child, List<FieldError> errors, int from) {
        for (int i = from; i < errors.size(); i++) {
            String field = errors.get(i).field();
            if (field.equals(child.path) || field.startsWith(child.path + ".") || field.startsWith(child.path + "[")) {
                return true;
            }
        }
        return false;
    }
}
