package com.krenalis.api.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TypeCodecTest {

    @Test
    void everyTypeRoundTrips() {
        ObjectType schema = Type.object(List.of(
                Property.of("email", Type.string(254)),
                Property.of("name", Type.string()),
                Property.of("vip", Type.bool()),
                Property.of("age", new IntType(8, 0, 120)),
                Property.of("orders", Type.int64()),
                Property.of("score", new FloatType(32)),
                Property.of("balance", Type.decimal(12, 2)),
                Property.of("seen", Type.datetime()),
                Property.of("born", Type.date()),
                Property.of("wakes", Type.time()),
                Property.of("device", Type.uuid()),
                Property.of("ip", Type.ip()),
                Property.of("extra", Type.json()),
                Property.of("phones", Type.array(Type.string())),
                new Property("address", Type.object(List.of(Property.of("city", Type.string()))), false, "home")));
        assertEquals(schema, TypeCodec.schemaFromJson(TypeCodec.toJson(schema)));
    }

    @Test
    void defaultsApply() {
        assertEquals(Type.int64(), TypeCodec.fromJson(Map.of("type", "int"), "t"));
        assertEquals(Type.float64(), TypeCodec.fromJson(Map.of("type", "float"), "t"));
        assertEquals(Type.decimal(10, 0), TypeCodec.fromJson(Map.of("type", "decimal", "precision", 10), "t"));
    }

    @Test
    void errorsNameTheField() {
        assertPath("schema.properties[0].type.bits", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "int", "bits", 12)))));
        assertPath("schema.properties[1].name", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "int")),
                Map.of("name", "A", "type", Map.of("type", "int")))));
        assertPath("schema.properties[0].name", Map.of("type", "object", "properties", List.of(
                Map.of("name", "_kpid", "type", Map.of("type", "uuid")))));
        assertPath("schema.properties[0].name", Map.of("type", "object", "properties", List.of(
                Map.of("name", "bad name", "type", Map.of("type", "uuid")))));
        assertPath("schema.properties[0].type.type", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "varchar")))));
        assertPath("schema.properties[0].type.scale", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "decimal", "precision", 3, "scale", 5)))));
        assertPath("schema.properties[0].type.colour", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "string", "colour", "red")))));
        assertPath("schema.properties[0].type.element", Map.of("type", "object", "properties", List.of(
                Map.of("name", "a", "type", Map.of("type", "array")))));
        assertPath("schema.type", Map.of("type", "string"));
    }

    private static void assertPath(String path, Object json) {
        TypeCodec.InvalidTypeException e = assertThrows(TypeCodec.InvalidTypeException.class,
                () -> TypeCodec.schemaFromJson(json));
        assertEquals(path, e.path(), e.getMessage());
    }
}
