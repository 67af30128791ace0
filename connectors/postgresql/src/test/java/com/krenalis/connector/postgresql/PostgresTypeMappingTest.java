package com.krenalis.connector.postgresql;

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
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every PostgreSQL type the README lists: the type discover gives it, and the Java value read gives. */
class PostgresTypeMappingTest {
    private static final String QUERY = "SELECT * FROM typed";

    @BeforeAll
    static void createTable() throws Exception {
        TestPostgres.execute("DROP TABLE IF EXISTS typed",
                "CREATE TABLE typed (id int4, small int2, big int8, real_ float4, double_ float8, "
                        + "price numeric(10,2), unbounded numeric, huge numeric(100,0), flag bool, "
                        + "code char(3), name varchar(40), note text, born date, alarm time, "
                        + "local_ts timestamp(6), zoned_ts timestamptz, uid uuid, addr inet, net inet, "
                        + "doc json, docb jsonb, tags text[], counts int4[], amounts numeric[], days date[], "
                        + "flags bool[], matrix int4[], span interval, bits bit(3), raw bytea, other_ts timestamptz[])",
                "INSERT INTO typed VALUES (1, -32768, 9007199254740993, 1.1, 2.5, 12345678.90, "
                        + "1.123456789012345678901234567890123456789012, 1" + "0".repeat(90) + ", true, 'ab', 'Zoë', "
                        + "'line1\nline2', '2024-02-29', '23:59:58.5', '2026-03-01 10:00:00.123456', "
                        + "'2026-03-01 12:00:00.5+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '192.168.0.1', "
                        + "'10.0.0.0/8', '{\"a\": [1, 2.5, \"x\", null, true]}', '{\"big\": 123456789012345678901234567890}', "
                        + "ARRAY['a', NULL, 'c'], '{1,2,3}', '{1.50,2}', '{2024-01-01}', '{true,false}', "
                        + "'{{1,2},{3,4}}', '1 day 2 hours', B'101', '\\x0102', '{2026-01-01 00:00:00+00}')",
                "INSERT INTO typed (id) VALUES (2)",
                "GRANT SELECT ON typed TO " + TestPostgres.READER);
    }

    @Test
    void discoverGivesEachTypeItsKrenalisType() throws Exception {
        ObjectType schema = PostgresReads.discover(QUERY, "id", null);
        Map<String, Type> expected = new LinkedHashMap<>();
        expected.put("id", Type.int32());
        expected.put("small", IntType.of(16));
        expected.put("big", Type.int64());
        expected.put("real_", new FloatType(32));
        expected.put("double_", Type.float64());
        expected.put("price", Type.decimal(10, 2));
        expected.put("unbounded", Type.decimal(76, 38));
        expected.put("huge", Type.string());
        expected.put("flag", Type.bool());
        expected.put("code", Type.string(3));
        expected.put("name", Type.string(40));
        expected.put("note", Type.string());
        expected.put("born", Type.date());
        expected.put("alarm", Type.time());
        expected.put("local_ts", Type.datetime());
        expected.put("zoned_ts", Type.datetime());
        expected.put("uid", Type.uuid());
        expected.put("addr", Type.ip());
        expected.put("net", Type.ip());
        expected.put("doc", Type.json());
        expected.put("docb", Type.json());
        expected.put("tags", Type.array(Type.string()));
        expected.put("counts", Type.array(Type.int32()));
        expected.put("amounts", Type.array(Type.decimal(76, 38)));
        expected.put("days", Type.array(Type.date()));
        expected.put("flags", Type.array(Type.bool()));
        expected.put("matrix", Type.array(Type.int32()));
        expected.put("span", Type.string());
        expected.put("bits", Type.string());
        expected.put("raw", Type.string());
        expected.put("other_ts", Type.string());
        Map<String, Type> actual = new LinkedHashMap<>();
        schema.properties().forEach(p -> actual.put(p.name(), p.type()));
        assertEquals(expected, actual);
    }

    @Test
    void readGivesTheJavaValuesOfSourceRecord() throws Exception {
        RecordingSink sink = new RecordingSink();
        PostgresReads.read(QUERY + " WHERE id = 1", "id", null, null, sink);
        // The two-dimensional array cannot be an array(int): the row is rejected, naming the column.
        assertEquals(1, sink.rejections().size(), "rejections: " + sink.rejections());
        assertEquals("1", sink.rejections().get(0).key());
        assertTrue(sink.rejections().get(0).message().contains("matrix"), sink.rejections().get(0).message());

        sink = new RecordingSink();
        PostgresReads.read("SELECT id, small, big, real_, double_, price, unbounded, huge, flag, code, name, note, born, "
                + "alarm, local_ts, zoned_ts, uid, addr, net, doc, docb, tags, counts, amounts, days, flags, span, bits, "
                + "raw, other_ts FROM typed ORDER BY id", "id", null, null, sink);
        assertEquals(List.of(), sink.rejections());
        Map<String, Object> v = sink.records().get(0).properties();
        assertEquals("1", sink.records().get(0).id());
        assertEquals(1L, v.get("id"));
        assertEquals(-32768L, v.get("small"));
        assertEquals(9007199254740993L, v.get("big"));
        assertEquals(1.1, v.get("real_"));
        assertEquals(2.5, v.get("double_"));
        assertEquals(new BigDecimal("12345678.90"), v.get("price"));
        assertEquals(new BigDecimal("1.12345678901234567890123456789012345679"), v.get("unbounded"), "rounded to 38 decimals");
        assertEquals("1" + "0".repeat(90), v.get("huge"));
        assertEquals(true, v.get("flag"));
        assertEquals("ab ", v.get("code"));
        assertEquals("Zoë", v.get("name"));
        assertEquals("line1\nline2", v.get("note"));
        assertEquals(LocalDate.of(2024, 2, 29), v.get("born"));
        assertEquals(LocalTime.of(23, 59, 58, 500_000_000), v.get("alarm"));
        assertEquals(Instant.parse("2026-03-01T10:00:00.123456Z"), v.get("local_ts"), "a timestamp without zone is UTC");
        assertEquals(Instant.parse("2026-03-01T10:00:00.5Z"), v.get("zoned_ts"));
        assertEquals(UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), v.get("uid"));
        assertEquals("192.168.0.1", v.get("addr"));
        assertEquals("10.0.0.0", v.get("net"), "the address of an inet, without its prefix length");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("a", java.util.Arrays.asList(1L, new BigDecimal("2.5"), "x", null, true));
        assertEquals(doc, v.get("doc"));
        assertEquals(Map.of("big", new BigDecimal("123456789012345678901234567890")), v.get("docb"));
        assertEquals(java.util.Arrays.asList("a", null, "c"), v.get("tags"));
        assertEquals(List.of(1L, 2L, 3L), v.get("counts"));
        assertEquals(List.of(new BigDecimal("1.50"), new BigDecimal("2")), v.get("amounts"));
        assertEquals(List.of(LocalDate.of(2024, 1, 1)), v.get("days"));
        assertEquals(List.of(true, false), v.get("flags"));
        assertEquals("1 day 02:00:00", v.get("span"));
        assertEquals("101", v.get("bits"));
        assertEquals("\\x0102", v.get("raw"));
        assertEquals("{\"2026-01-01 00:00:00+00\"}", v.get("other_ts"));

        SourceRecord nulls = sink.records().get(1);
        assertEquals("2", nulls.id());
        nulls.properties().forEach((name, value) -> {
            if (!name.equals("id")) {
                assertNull(value, name);
            }
        });
        assertEquals(30, nulls.properties().size(), "every column, nulls included");
    }
}
