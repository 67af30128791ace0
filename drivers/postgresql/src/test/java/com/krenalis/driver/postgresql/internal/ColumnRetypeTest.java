package com.krenalis.driver.postgresql.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.types.Type;
import com.krenalis.driver.postgresql.internal.ColumnRetype.Decision;
import com.krenalis.driver.postgresql.internal.ColumnRetype.Way;
import com.krenalis.driver.postgresql.internal.PgColumnType.Family;
import org.junit.jupiter.api.Test;

class ColumnRetypeTest {

    private static Decision decide(Type from, Type to) {
        return ColumnRetype.decide("\"c\"", PgColumnType.parse(PostgresTypes.sqlType(from)),
                PgColumnType.parse(PostgresTypes.sqlType(to)));
    }

    private static Way way(Type from, Type to) {
        return decide(from, to).way();
    }

    @Test
    void everyTypeThePlannerWritesIsRecognised() {
        for (Type t : new Type[] {Type.string(), Type.string(5), Type.bool(), Type.int32(), Type.int64(), Type.float64(),
                new com.krenalis.api.types.FloatType(32), Type.decimal(10, 2), Type.datetime(), Type.date(), Type.time(),
                Type.uuid(), Type.ip(), Type.json()}) {
            PgColumnType parsed = PgColumnType.parse(PostgresTypes.sqlType(t));
            assertTrue(parsed.family() != Family.OTHER, t.toString());
            assertTrue(PgColumnType.parse(PostgresTypes.sqlType(Type.array(t))).array() || t.equals(Type.json()), t.toString());
        }
        assertEquals(Family.OTHER, PgColumnType.parse("money").family());
        assertEquals(Family.TIMESTAMPTZ, PgColumnType.parse("timestamp with time zone").family());
        assertEquals(Family.OTHER, PgColumnType.parse("timestamp without time zone").family());
    }

    @Test
    void wideningKeepsEveryValue() {
        assertEquals(Way.WIDEN, way(Type.string(50), Type.string(100)));
        assertEquals(Way.WIDEN, way(Type.string(50), Type.string()));
        assertEquals(Way.WIDEN, way(com.krenalis.api.types.IntType.of(16), Type.int32()));
        assertEquals(Way.WIDEN, way(Type.int32(), Type.int64()));
        assertEquals(Way.WIDEN, way(new com.krenalis.api.types.FloatType(32), Type.float64()));
        assertEquals(Way.WIDEN, way(Type.decimal(10, 2), Type.decimal(12, 2)));
        assertEquals(Way.WIDEN, way(Type.decimal(10, 2), Type.decimal(11, 3)), "one more digit on each side");
        assertEquals(Way.WIDEN, way(Type.int32(), Type.decimal(10, 0)));
        assertEquals(Way.WIDEN, way(Type.int64(), Type.decimal(21, 2)));
        assertEquals(Way.WIDEN, way(Type.int32(), Type.float64()), "53-bit mantissa");
        assertEquals(Way.WIDEN, way(com.krenalis.api.types.IntType.of(16), new com.krenalis.api.types.FloatType(32)));
        assertEquals(Way.WIDEN, way(Type.array(Type.string(5)), Type.array(Type.string())));
    }

    @Test
    void narrowingAndKindChangesConvertAndSayWhatTheyDo() {
        Decision shorter = decide(Type.string(100), Type.string(5));
        assertEquals(Way.CONVERT, shorter.way());
        assertEquals("\"c\"::text", shorter.using(), "never an explicit cast to varchar(n): it would truncate");
        assertTrue(shorter.consequence().contains("longer than 5"), shorter.consequence());
        assertEquals(Way.CONVERT, way(Type.int64(), Type.int32()));
        assertEquals(Way.CONVERT, way(Type.int64(), Type.float64()), "rounds above 2^53");
        assertEquals(Way.CONVERT, way(Type.int64(), Type.decimal(10, 0)));
        assertTrue(decide(Type.decimal(10, 4), Type.decimal(10, 2)).consequence().contains("rounds values to 2 decimal places"));
        assertTrue(decide(Type.float64(), Type.int64()).consequence().contains("rounds fractions"));
        assertEquals(Way.CONVERT, way(Type.int64(), Type.string()));
        assertEquals(Way.CONVERT, way(Type.string(), Type.int64()));
        assertEquals(Way.CONVERT, way(Type.string(), Type.uuid()));
        assertEquals(Way.CONVERT, way(Type.json(), Type.string()));
        assertEquals(Way.CONVERT, way(Type.datetime(), Type.date()));
        assertEquals(Way.CONVERT, way(Type.date(), Type.datetime()));
        assertEquals(Way.CONVERT, way(Type.array(Type.string()), Type.array(Type.int64())));
        assertEquals("host(\"c\")", decide(Type.ip(), Type.string()).using(), "inet::text would append /32");
    }

    @Test
    void whatCannotBeCastIsReplaced() {
        assertEquals(Way.REPLACE, way(Type.string(), Type.array(Type.string())));
        assertEquals(Way.REPLACE, way(Type.array(Type.int64()), Type.int64()));
        assertEquals(Way.REPLACE, way(Type.json(), Type.int64()));
        assertEquals(Way.REPLACE, way(Type.bool(), Type.int64()));
        assertEquals(Way.REPLACE, way(Type.uuid(), Type.ip()));
        assertEquals(Way.REPLACE, way(Type.array(Type.string()), Type.array(Type.object(java.util.List.of()))),
                "an array of objects is jsonb");
        assertTrue(decide(Type.json(), Type.int64()).consequence().contains("data is lost"));
    }
}
