package com.krenalis.core.internal.mapping;

import com.krenalis.api.types.ArrayType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.api.types.TypeKind;
import com.krenalis.core.internal.mapping.Shape.Kind;
import java.util.Map;

/**
 * Refuses, at compile time, an expression none of whose values could become a value of its output property: an array
 * into a string, a boolean into an int. What may fit (a string into an int: it may hold digits) passes and is
 * checked per record. The branches of if and coalesce, the elements of array(...) and the values of map(...) are
 * checked one by one, so that the error points at the one that does not fit.
 */
final class Compatibility {
    private Compatibility() {
    }

    static void check(Expression e, Property property) {
        if (!property.nullable() && e.shape.kind() == Kind.NULL) {
            throw new ExpressionException(e.position, "the expression is always null, but the property is not nullable");
        }
        check(e, property.type());
    }

    static void check(Expression e, Type type) {
        if (e instanceof LogicFunctions.If f) {
            check(f.then, type);
            check(f.otherwise, type);
        } else if (e instanceof LogicFunctions.Coalesce c) {
            for (Expression a : c.args) {
                check(a, type);
            }
        } else if (e instanceof StructureFunctions.ArrayOf a && type instanceof ArrayType array) {
            for (Expression element : a.args) {
                check(element, array.element());
            }
        } else if (e instanceof StructureFunctions.MapOf m && m.literalKeys && type instanceof ObjectType object) {
            for (int i = 0; i < m.keys.length; i++) {
                Literal key = (Literal) m.keys[i];
                Property p = object.property((String) key.value).orElseThrow(() -> new ExpressionException(
                        key.position, "\"" + key.value + "\" is not a property of the output object (it has "
                        + names(object) + ")"));
                check(m.values[i], p.type());
            }
        } else {
            String problem = problem(e.shape, type);
            if (problem != null) {
                throw new ExpressionException(e.position, problem);
            }
        }
    }

    /** Why no value of the shape becomes a value of the type; null when some may. */
    static String problem(Shape s, Type type) {
        if (s.kind() == Kind.ANY || s.kind() == Kind.NULL || type.kind() == TypeKind.JSON) {
            return null;
        }
        if (type instanceof ArrayType array && s.kind() == Kind.ARRAY) {
            String inner = problem(s.element(), array.element());
            return inner == null ? null : "an element of the array does not fit: " + inner;
        }
        if (type instanceof ObjectType object && s.kind() == Kind.OBJECT) {
            return s.properties() == null ? null : objectProblem(s.properties(), object);
        }
        boolean fits = switch (type.kind()) {
            case STRING -> s.isAny(Kind.STRING, Kind.NUMBER, Kind.BOOLEAN, Kind.DATETIME, Kind.DATE, Kind.TIME);
            case BOOLEAN -> s.isAny(Kind.BOOLEAN, Kind.STRING);
            case INT, FLOAT, DECIMAL -> s.isAny(Kind.NUMBER, Kind.STRING);
            case DATETIME -> s.isAny(Kind.DATETIME, Kind.STRING);
            case DATE -> s.isAny(Kind.DATE, Kind.STRING);
            case TIME -> s.isAny(Kind.TIME, Kind.STRING);
            case UUID, IP -> s.isAny(Kind.STRING);
            case ARRAY, OBJECT -> false; // the shape is of another kind (the same kind was handled above)
            case JSON -> true;
        };
        return fits ? null : s.describe() + " cannot become a value of type " + describe(type);
    }

    /** Objects are strict: every key must be a property of the output object, its value fitting. */
    private static String objectProblem(Map<String, Shape> properties, ObjectType object) {
        for (Map.Entry<String, Shape> e : properties.entrySet()) {
            Property p = object.property(e.getKey()).orElse(null);
            if (p == null) {
                return "the object has the property " + e.getKey() + ", which the output object lacks (it has "
                        + names(object) + ")";
            }
            String inner = problem(e.getValue(), p.type());
            if (inner != null) {
                return "the property " + e.getKey() + " does not fit: " + inner;
            }
        }
        return null;
    }

    static String describe(Type type) {
        return type instanceof ArrayType a ? "array of " + describe(a.element()) : type.kind().jsonName();
    }

    private static String names(ObjectType object) {
        return object.properties().isEmpty() ? "none"
                : String.join(", ", object.properties().stream().map(Property::name).toList());
    }
}
