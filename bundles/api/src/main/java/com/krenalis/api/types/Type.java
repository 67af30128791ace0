package com.krenalis.api.types;

import java.util.List;

/**
 * The type of a property in a user schema or a discovered source schema.
 *
 * <p>Types are immutable values; equal types are {@code equals}. Use the static factories.
 */
public sealed interface Type
        permits StringType, BooleanType, IntType, FloatType, DecimalType, DateTimeType, DateType, TimeType,
        UuidType, IpType, JsonType, ArrayType, ObjectType {

    /** The kind of this type, for switches and for JSON (de)serialisation. */
    TypeKind kind();

    static StringType string() { return new StringType(null); }

    static StringType string(int maxLength) { return new StringType(maxLength); }

    static BooleanType bool() { return BooleanType.INSTANCE; }

    static IntType int64() { return IntType.of(64); }

    static IntType int32() { return IntType.of(32); }

    static FloatType float64() { return new FloatType(64); }

    static DecimalType decimal(int precision, int scale) { return new DecimalType(precision, scale); }

    static DateTimeType datetime() { return DateTimeType.INSTANCE; }

    static DateType date() { return DateType.INSTANCE; }

    static TimeType time() { return TimeType.INSTANCE; }

    static UuidType uuid() { return UuidType.INSTANCE; }

    static IpType ip() { return IpType.INSTANCE; }

    static JsonType json() { return JsonType.INSTANCE; }

    static ArrayType array(Type element) { return new ArrayType(element); }

    static ObjectType object(List<Property> properties) { return new ObjectType(properties); }
}
