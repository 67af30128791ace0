package com.krenalis.api.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeTest {
    @Test
    void intRangesFitTheirWidth() {
        assertEquals(-128, IntType.of(8).min());
        assertEquals(8_388_607, IntType.of(24).max());
        assertEquals(Long.MIN_VALUE, IntType.of(64).min());
        assertThrows(IllegalArgumentException.class, () -> new IntType(8, 0, 256));
        assertThrows(IllegalArgumentException.class, () -> new IntType(12, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new IntType(32, 5, 4));
    }

    @Test
    void decimalsAndStringsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Type.decimal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Type.decimal(10, 11));
        assertThrows(IllegalArgumentException.class, () -> Type.string(0));
        assertThrows(IllegalArgumentException.class, () -> new FloatType(16));
    }

    @Test
    void propertiesHaveIdentifierNamesAndObjectsUniqueOnes() {
        assertTrue(Property.isValidName("first_name"));
        assertTrue(!Property.isValidName("first-name") && !Property.isValidName("1st") && !Property.isValidName("x".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> Property.of("bad name", Type.bool()));
        assertThrows(IllegalArgumentException.class,
                () -> Type.object(List.of(Property.of("a", Type.bool()), Property.of("a", Type.int32()))));
    }

    @Test
    void equalTypesAreEqualAndKindsHaveJsonNames() {
        assertEquals(Type.array(Type.string(10)), Type.array(Type.string(10)));
        assertEquals("datetime", Type.datetime().kind().jsonName());
        assertEquals(TypeKind.OBJECT, Type.object(List.of()).kind());
    }
}
