package com.krenalis.connector.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.types.FloatType;
import com.krenalis.api.types.IntType;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.RecordingSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every MySQL / MariaDB type the README lists: the type discover gives it, and the Java value read gives. */
class MySqlTypeMappingTest {
    private static final String QUERY = "SELECT * FROM typed ORDER BY id";

    @BeforeAll
    static void createTable() throws Exception {
        TestMariaDb.port();
        TestMariaDb.execute("DROP TABLE IF EXISTS typed",
                "CREATE TABLE typed (id int, flag tinyint(1), tiny tinyint, utiny tinyint unsigned, small smallint, "
                        + "usmall smallint unsigned, medium mediumint, umedium mediumint unsigned, uint int unsigned, "
                        + "big bigint, ubig bigint unsigned, price decimal(10,2), real_ float, double_ double, "
                        + "born date, alarm time(3), local_dt datetime(6), stamp timestamp(3) NULL, yr year, "
                        + "code char(3), name varchar(40), note text, doc json, kind enum('a','b'), tags set('x','y'), "
                        + "raw varbinary(8), bits bit(5)) CHARACTER SET utf8mb4",
                "INSERT INTO typed VALUES (1, 1, -128, 255, -32768, 65535, -8388608, 16777215, 4294967295, "
                        + "-9223372036854775808, 18446744073709551615, 12345678.90, 1.1, 2.5, '2024-02-29', '23:59:58.5', "
                        + "'2026-03-01 10:00:00.123456', '2026-03-01 10:00:00.5', 2026, 'ab', 'Zoë', 'line1\\nline2', "
                        + "'{\"a\": [1, 2.5, \"x\", null, true]}', 'b', 'x,y', x'0102', b'10101')",
                "INSERT INTO typed (id) VALUES (2)");
    }

    @Test
    void discoverGivesEachTypeItsKrenalisType() throws Exception {
        ObjectType schema = MySqlReads.discover(QUERY, "id", null);
        Map<String, Type> expected = new LinkedHashMap<>();
        expected.put("id", Type.int32());
        expected.put("flag", Type.bool());
        expected.put("tiny", IntType.of(8));
        expected.put("utiny", new IntType(16, 0, 255));
        expected.put("small", IntType.of(16));
        expected.put("usmall", new IntType(24, 0, 65_535));
        expected.put("medium", IntType.of(24));
        expected.put("umedium", new IntType(32, 0, 16_777_215));
        expected.put("uint", new IntType(64, 0, 4_294_967_295L));
        expected.put("big", Type.int64());
        expected.put("ubig", Type.decimal(20, 0));
        expected.put("price", Type.decimal(10, 2));
        expected.put("real_", new FloatType(32));
        expected.put("double_", Type.float64());
        expected.put("born", Type.date());
        expected.put("alarm", Type.time());
        expected.put("local_dt", Type.datetime());
        expected.put("stamp", Type.datetime());
        expected.put("yr", IntType.of(16));
        expected.put("code", Type.string(3));
        expected.put("name", Type.string(40));
        expected.put("note", Type.string());
        expected.put("doc", Type.json());
        expected.put("kind", Type.string(1)); // the longest member
        expected.put("tags", Type.string(3)); // all members, with commas
        expected.put("raw", Type.string());
        expected.put("bits", Type.int64());
        Map<String, Type> actual = new LinkedHashMap<>();
        schema.properties().forEach(p -> actual.put(p.name(), p.type()));
        assertEquals(expected, actual);
    }

    @Test
    void readGivesTheJavaValuesOfSourceRecord() throws Exception {
        RecordingSink sink = new RecordingSink();
        MySqlReads.read(QUERY, "id", null, null, sink);
        assertEquals(List.of(), sink.rejections());
        Map<String, Object> v = sink.records().get(0).properties();
        assertEquals("1", sink.records().get(0).id());
        assertEquals(1L, v.get("id"));
        assertEquals(true, v.get("flag"));
        assertEquals(-128L, v.get("tiny"));
        assertEquals(255L, v.get("utiny"));
        assertEquals(-32768L, v.get("small"));
        assertEquals(65535L, v.get("usmall"));
        assertEquals(-8388608L, v.get("medium"));
        assertEquals(16777215L, v.get("umedium"));
        assertEquals(4294967295L, v.get("uint"));
        assertEquals(Long.MIN_VALUE, v.get("big"));
        assertEquals(new BigDecimal("18446744073709551615"), v.get("ubig"));
        assertEquals(new BigDecimal("12345678.90"), v.get("price"));
        assertEquals(1.1, v.get("real_"));
        assertEquals(2.5, v.get("double_"));
        assertEquals(LocalDate.of(2024, 2, 29), v.get("born"));
        assertEquals(LocalTime.of(23, 59, 58, 500_000_000), v.get("alarm"));
        assertEquals(Instant.parse("2026-03-01T10:00:00.123456Z"), v.get("local_dt"), "a datetime is UTC");
        assertEquals(Instant.parse("2026-03-01T10:00:00.5Z"), v.get("stamp"), "a timestamp, in a UTC session");
        assertEquals(2026L, v.get("yr"));
        assertEquals("ab", v.get("code"));
        assertEquals("Zoë", v.get("name"));
        assertEquals("line1\nline2", v.get("note"));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", java.util.Arrays.asList(1L, new BigDecimal("2.5"), "x", null, true));
        assertEquals(doc, v.get("doc"));
        assertEquals("b", v.get("kind"));
        assertEquals("x,y", v.get("tags"));
        assertEquals("AQI=", v.get("raw"), "binary as Base64");
        assertEquals(21L, v.get("bits"));

        SourceRecord nulls = sink.records().get(1);
        assertEquals("2", nulls.id());
        nulls.properties().forEach((name, value) -> {
            if (!name.equals("id")) {
                assertNull(value, name);
            }
        });
        assertEquals(27, nulls.properties().size(), "every column, nulls included");
    }

    @Test
    void aTimeOutsideADayRejectsItsRow() throws Exception {
        RecordingSink sink = new RecordingSink();
        MySqlReads.read("SELECT 'x' AS id, CAST('30:00:00' AS TIME) AS t", "id", null, null, sink);
        assertEquals(List.of(), sink.records());
        assertEquals(1, sink.rejections().size());
        assertTrue(sink.rejections().get(0).message().contains("'t'"), sink.rejections().get(0).message());
    }
}
