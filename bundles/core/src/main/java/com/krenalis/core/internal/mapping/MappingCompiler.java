package com.krenalis.core.internal.mapping;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a mapping's JSON form, {@code {"output.path": "expression", ...}}, against the input and output schemas, and
 * reports every output property that is wrong, each once.
 */
final class MappingCompiler {
    /** An output property in the making: set by an expression, or an object set by its nested properties. */
    private static final class Draft {
        final Property property;
        final String path;
        final ObjectType type;
        final Map<String, Draft> children = new LinkedHashMap<>();
        Expression expression;
        String source;
        boolean byExpression;

        Draft(Property property, String path, ObjectType type) {
            this.property = property;
            this.path = path;
            this.type = type;
        }
    }

    private MappingCompiler() {
    }

    static Mapping compile(Object json, String field, ObjectType input, ObjectType output) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new InvalidInputException(field.isEmpty() ? "mapping" : field, "must be an object of output "
                    + "properties and their expressions, such as {\"email\": \"lower(traits.email)\"}");
        }
        if (map.isEmpty()) {
            throw new InvalidInputException(field.isEmpty() ? "mapping" : field, "maps no property: give at least "
                    + "one output property and its expression");
        }
        List<FieldError> errors = new ArrayList<>();
        Draft root = new Draft(null, "", output);
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String at = field(field, key);
            Draft draft;
            try {
                draft = place(root, key);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(at, e.getMessage()));
                continue;
            }
            if (!(entry.getValue() instanceof String text)) {
                errors.add(new FieldError(at, "must be an expression in a string, such as \"lower(traits.email)\""));
                continue;
            }
            try {
                Expression e = ExpressionParser.parse(text, input);
                Compatibility.check(e, draft.property);
                draft.expression = e;
                draft.source = text;
            } catch (ExpressionException e) {
                errors.add(new FieldError(at, e.describe(text)));
            }
        }
        requireMapped(root, field, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new Mapping(output, build(root));
    }

    /** The draft of an output path such as {@code address.city}, checked against the schema before anything is made. */
    private static Draft place(Draft root, String key) {
        String[] segments = key.split("\\.", -1);
        Property[] properties = new Property[segments.length];
        ObjectType type = root.type;
        String path = "";
        for (int i = 0; i < segments.length; i++) {
            String name = segments[i];
            if (name.isEmpty()) {
                throw new IllegalArgumentException("the output path has an empty part; write a property name such "
                        + "as email or address.city");
            }
            Property p = type.property(name).orElse(null);
            if (p == null) {
                throw new IllegalArgumentException(i == 0 ? "unknown output property '" + name + "' (the output has "
                        + names(type) + ")" : "'" + path + "' has no property '" + name + "' (it has " + names(type) + ")");
            }
            path = i == 0 ? name : path + "." + name;
            if (i < segments.length - 1) {
                if (!(p.type() instanceof ObjectType object)) {
                    throw new IllegalArgumentException("'" + path + "' is of type " + Compatibility.describe(p.type())
                            + ": only object properties have properties of their own");
                }
                type = object;
            }
            properties[i] = p;
        }
        Draft current = root;
        for (int i = 0; i < segments.length; i++) {
            Draft child = current.children.get(segments[i]);
            String at = current == root ? segments[i] : current.path + "." + segments[i];
            if (i == segments.length - 1) {
                if (child != null) {
                    throw new IllegalArgumentException("'" + at + "' is mapped by its properties already; map the "
                            + "object or its properties, not both");
                }
                child = new Draft(properties[i], at, null);
                child.byExpression = true;
            } else if (child == null) {
                child = new Draft(properties[i], at, (ObjectType) properties[i].type());
            } else if (child.byExpression) {
                throw new IllegalArgumentException("'" + at + "' is mapped as a whole already; map the object or "
                        + "its properties, not both");
            }
            current.children.put(segments[i], child);
            current = child;
        }
        return current;
    }

    /** A property that is not nullable must be set, at every level the mapping builds. */
    private static void requireMapped(Draft object, String field, List<FieldError> errors) {
        for (Property p : object.type.properties()) {
            Draft child = object.children.get(p.name());
            String path = object.path.isEmpty() ? p.name() : object.path + "." + p.name();
            if (child == null && !p.nullable()) {
                errors.add(new FieldError(field(field, path), "is required (the property is not nullable), but the "
                        + "mapping does not set it"));
            } else if (child != null && !child.byExpression) {
                requireMapped(child, field, errors);
            }
        }
    }

    /** The output properties in schema order. */
    private static List<OutputProperty> build(Draft object) {
        List<OutputProperty> out = new ArrayList<>();
        for (Property p : object.type.properties()) {
            Draft d = object.children.get(p.name());
            if (d != null) {
                out.add(d.byExpression ? OutputProperty.ofExpression(p, d.path, d.expression, d.source)
                        : OutputProperty.ofObject(p, d.path, build(d)));
            }
        }
        return out;
    }

    private static String field(String prefix, String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    private static String names(ObjectType type) {
        return type.properties().isEmpty() ? "none"
                : String.join(", ", type.properties().stream().map(Property::name).toList());
    }
}
