package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.DecimalType;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.StringType;
import com.krenalis.api.types.Type;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClickHouseTypeTest {

    @Test
    void parsesNestedTypesAndTheirArguments() {
        ClickHouseType t = ClickHouseType.parse("Nullable(DateTime64(3, 'UTC'))");
        assertEquals("Nullable", t.name());
        ClickHouseType inner = t.unwrapped();
        assertEquals("DateTime64", inner.name());
        assertEquals(3, inner.intArgument(0));
        assertEquals("UTC", inner.stringArgument(1));

        ClickHouseType array = ClickHouseType.parse("Array(Nullable(String))");
        assertEquals("Array", array.name());
        assertEquals("Nullable(String)", array.arguments().get(0));
        assertEquals("String", array.argumentType(0).unwrapped().name());

        assertEquals("String", ClickHouseType.parse("LowCardinality(String)").unwrapped().name());
        assertEquals("String", ClickHouseType.parse("LowCardinality(Nullable(String))").unwrapped().name());
        assertEquals(List.of("18", "4"), ClickHouseType.parse("Decimal(18, 4)").arguments());
    }

    @Test
    void commasAndParenthesesInsideQuotesDoNotSplitArguments() {
        ClickHouseType e = ClickHouseType.parse("Enum8('a, b' = 1, 'c)\\'d' = 2)");
        assertEquals(List.of("'a, b' = 1", "'c)\\'d' = 2"), e.arguments());
        ClickHouseType tuple = ClickHouseType.parse("Tuple(name String, tags Array(Tuple(k String, v UInt8)))");
        assertEquals(2, tuple.arguments().size());
        assertEquals("Europe/Rome", ClickHouseType.parse("DateTime('Europe/Rome')").stringArgument(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Array(String", "Nullable(String))", "", "Map(String, 'x)", "1Int", "Int8 x"})
    void rejectsWhatIsNotAType(String text) {
        assertThrows(IllegalArgumentException.class, () -> ClickHouseType.parse(text));
    }

    private static Type map(String type) {
        return ColumnMapping.typeOf(ClickHouseType.parse(type));
    }

    @Test
    void mapsTextTypes() {
        assertEquals(Type.string(), map("String"));
        assertEquals(Type.string(16), map("FixedString(16)"));
        assertEquals(Type.string(), map("LowCardinality(String)"));
        assertEquals(Type.string(), map("Enum8('a' = 1, 'b' = 2)"));
        assertEquals(Type.string(), map("Nullable(Nothing)"));
    }

    @Test
    void mapsIntegersToTheNarrowestWidthHoldingTheirRange() {
        assertEquals(IntType.of(8), map("Int8"));
        assertEquals(IntType.of(16), map("Int16"));
        assertEquals(IntType.of(32), map("Int32"));
        assertEquals(IntType.of(64), map("Int64"));
        assertEquals(new IntType(16, 0, 255), map("UInt8"));
        assertEquals(new IntType(32, 0, 65535), map("UInt16"));
        assertEquals(new IntType(64, 0, 4294967295L), map("UInt32"));
        assertEquals(Type.decimal(20, 0), map("UInt64"));
        assertEquals(Type.decimal(39, 0), map("Int128"));
        assertEquals(Type.decimal(39, 0), map("UInt128"));
        assertEquals(Type.string(), map("UInt256"));
        assertEquals(IntType.of(64), map("Nullable(Int64)"));
    }

    @Test
    void mapsFloatsDecimalsAndBooleans() {
        assertEquals(new FloatType(32), map("Float32"));
        assertEquals(new FloatType(64), map("Float64"));
        assertEquals(Type.decimal(18, 4), map("Decimal(18, 4)"));
        assertEquals(Type.decimal(10, 0), map("Decimal(10)"));
        assertEquals(Type.decimal(9, 2), map("Decimal32(2)"));
        assertEquals(Type.decimal(18, 6), map("Decimal64(6)"));
        assertEquals(Type.decimal(38, 10), map("Decimal128(10)"));
        assertEquals(new DecimalType(76, 20), map("Decimal256(20)"));
        assertEquals(Type.bool(), map("Bool"));
    }

    @Test
    void mapsTimeTypes() {
        assertEquals(Type.date(), map("Date"));
        assertEquals(Type.date(), map("Date32"));
        assertEquals(Type.datetime(), map("DateTime"));
        assertEquals(Type.datetime(), map("DateTime('Asia/Tokyo')"));
        assertEquals(Type.datetime(), map("DateTime64(3)"));
        assertEquals(Type.datetime(), map("Nullable(DateTime64(3, 'UTC'))"));
        assertEquals(Type.time(), map("Time"));
        assertTrue(ColumnMapping.isPointInTime(ClickHouseType.parse("Nullable(DateTime64(6, 'UTC'))")));
        assertTrue(ColumnMapping.isPointInTime(ClickHouseType.parse("Date32")));
        assertFalse(ColumnMapping.isPointInTime(ClickHouseType.parse("String")));
    }

    @Test
    void mapsIdentifiersAddressesArraysAndStructures() {
        assertEquals(Type.uuid(), map("UUID"));
        assertEquals(Type.ip(), map("IPv4"));
        assertEquals(Type.ip(), map("IPv6"));
        assertEquals(Type.array(Type.string()), map("Array(Nullable(String))"));
        assertEquals(Type.array(Type.array(IntType.of(32))), map("Array(Array(Int32))"));
        assertEquals(Type.array(Type.string()), map("Array(LowCardinality(String))"));
        assertEquals(Type.json(), map("Map(String, UInt64)"));
        assertEquals(Type.json(), map("Tuple(String, UInt8)"));
        assertEquals(Type.json(), map("JSON"));
        assertEquals(Type.json(), map("Nested(a String, b UInt8)"));
        assertEquals(Type.string(), map("AggregateFunction(uniq, UInt64)"));
        assertEquals(IntType.of(64), map("SimpleAggregateFunction(sum, Int64)"));
        assertTrue(map("IntervalDay") instanceof StringType);
    }
}
