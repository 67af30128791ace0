package com.krenalis.core.internal.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import java.util.List;
import java.util.Map;

/** An output schema with every type, and helpers to compile mappings onto it. */
final class MappingFixtures {
    static final ObjectType ADDRESS = Type.object(List.of(
            Property.of("street", Type.string(20)),
            new Property("city", Type.string(50), false, ""),
            Property.of("geo", Type.object(List.of(Property.of("lat", Type.float64()), Property.of("lon", Type.float64()))))));

    static final ObjectType OUTPUT = Type.object(List.of(
            Property.of("email", Type.string(320)),
            Property.of("name", Type.string()),
            Property.of("code", Type.string(3)),
            Property.of("age", new com.krenalis.api.types.IntType(8, 0, 120)),
            Property.of("visits", Type.int64()),
            Property.of("vip", Type.bool()),
            Property.of("score", Type.float64()),
            Property.of("score32", new com.krenalis.api.types.FloatType(32)),
            Property.of("amount", Type.decimal(6, 2)),
            Property.of("seen", Type.datetime()),
            Property.of("birthday", Type.date()),
            Property.of("wake", Type.time()),
            Property.of("ref", Type.uuid()),
            Property.of("ip", Type.ip()),
            Property.of("extra", Type.json()),
            Property.of("tags", Type.array(Type.string(10))),
            Property.of("scores", Type.array(Type.int32())),
            Property.of("address", ADDRESS),
            Property.of("points", Type.array(Type.object(List.of(Property.of("x", Type.int32())))))));

    private MappingFixtures() {
    }

    static Mapping compile(Map<String, ?> mapping) {
        return Mapping.compile(mapping, null, OUTPUT);
    }

    /** The compile errors of a mapping onto {@link #OUTPUT} with a typed input (or null). */
    static List<FieldError> errors(Map<String, ?> mapping, ObjectType input) {
        return assertThrows(InvalidInputException.class, () -> Mapping.compile(mapping, input, OUTPUT)).errors();
    }

    /** The one compile error of a one-property mapping onto {@link #OUTPUT} from schemaless input. */
    static FieldError error(String property, String expression) {
        List<FieldError> errors = errors(Map.of(property, expression), null);
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    static void assertError(String field, String message, FieldError error) {
        assertEquals(field, error.field(), error.toString());
        if (!error.message().startsWith(message)) {
            assertEquals(message, error.message(), "the message starts so");
        }
    }
}
