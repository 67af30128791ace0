package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Type;
import com.krenalis.conformance.RecordingSink;
import com.krenalis.connector.database.ReadCursor;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connector against {@link FakeClickHouse}: what it sends (readonly=1, parameters, the database header, no
 * secret in the URL) and how it turns a RowBinaryWithNamesAndTypes result into records, through the real client.
 */
class ClickHouseWireTest {
    private static final String PASSWORD = "s3cret-pw";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
    private static final List<String> NAMES = List.of("id", "email", "score", "vip", "birth_date", "updated_at", "tags", "big");
    private static final List<String> TYPES = List.of("Nullable(String)", "LowCardinality(String)", "Int64",
            "Nullable(Bool)", "Nullable(Date)", "DateTime64(3, 'UTC')", "Array(Nullable(String))", "UInt64");

    private final ClickHouseConnector connector = new ClickHouseConnector();

    private Settings settings(int port) throws Exception {
        return connector.spec().settings().validate(Map.of("host", "127.0.0.1", "port", (long) port,
                "database", "crm", "username", "reader", "password", PASSWORD));
    }

    private Settings pipeline(String updatedAt) throws Exception {
        Map<String, Object> raw = new LinkedHashMap<>(Map.of("query", "SELECT * FROM users;", "identityColumn", "id"));
        if (updatedAt != null) {
            raw.put("updatedAtColumn", updatedAt);
        }
        return connector.spec().pipelineSettings().validate(raw);
    }

    /** u1, a row without identity, u2. */
    private static byte[] threeRows() {
        FakeClickHouse.Result r = new FakeClickHouse.Result(NAMES, TYPES);
        r.isNull(false).string("u1").string("ada@example.com").int64(42).isNull(false).bool(true)
                .isNull(false).uint16((int) LocalDate.parse("1988-02-29").toEpochDay()).int64(T0.toEpochMilli())
                .varint(2).isNull(false).string("a").isNull(true).int64(-1L);
        r.isNull(true).string("nobody@example.com").int64(3).isNull(true).isNull(true).int64(T0.toEpochMilli() + 1000)
                .varint(0).int64(0);
        r.isNull(false).string("u2").string("zoe@example.com").int64(-7).isNull(false).bool(false).isNull(true)
                .int64(T0.toEpochMilli() + 2000).varint(0).int64(5);
        return r.bytes();
    }

    @Test
    void aFullReadStreamsTypedRecordsRejectsAMissingIdentityAndReturnsTheLastCursor() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(threeRows()))) {
            RecordingSink sink = new RecordingSink();
            ReadResult result = connector.read(new ReadRequest(settings(ch.port()), pipeline("updated_at"), null), sink);

            assertEquals(List.of("u1", "u2"), sink.records().stream().map(SourceRecord::id).toList());
            SourceRecord u1 = sink.records().get(0);
            assertEquals(T0, u1.updatedAt());
            assertEquals("ada@example.com", u1.properties().get("email"));
            assertEquals(42L, u1.properties().get("score"));
            assertEquals(true, u1.properties().get("vip"));
            assertEquals(LocalDate.parse("1988-02-29"), u1.properties().get("birth_date"));
            assertEquals(T0, u1.properties().get("updated_at"));
            assertEquals(java.util.Arrays.asList("a", null), u1.properties().get("tags"));
            assertEquals(new BigDecimal("18446744073709551615"), u1.properties().get("big"), "UInt64 read unsigned");
            assertNull(sink.records().get(1).properties().get("birth_date"));
            assertEquals(1, sink.rejections().size());
            assertEquals("row 2", sink.rejections().get(0).key());
            assertEquals(new ReadCursor(T0.plusMillis(2000), "u2").encode(), result.cursor());
            assertEquals(-1, result.total());

            FakeClickHouse.Request request = ch.requests().get(0);
            assertEquals("1", request.parameters().get("readonly"), "every query runs with readonly=1");
            assertEquals(List.of("crm"), request.headers().get("X-clickhouse-database"));
            assertFalse(request.parameters().toString().contains(PASSWORD), "no secret in the URL");
            assertEquals(ClickHouseSql.fullRead("SELECT * FROM users", "id", "updated_at"), request.sql());
        }
    }

    @Test
    void anIncrementalReadSendsTheCursorAsParametersAndKeepsItWhenNothingChanged() throws Exception {
        byte[] empty = new FakeClickHouse.Result(NAMES, TYPES).bytes();
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(empty))) {
            String cursor = new ReadCursor(T0, "u'1").encode();
            ReadResult result = connector.read(new ReadRequest(settings(ch.port()), pipeline("updated_at"), cursor),
                    new RecordingSink());
            assertEquals(cursor, result.cursor());
            FakeClickHouse.Request request = ch.requests().get(0);
            assertEquals("2026-03-01 10:00:00.123000000", request.parameters().get("param_krenalis_cursor_at"));
            assertEquals("u'1", request.parameters().get("param_krenalis_cursor_id"));
            assertFalse(request.sql().contains("u'1"), "the identity is a parameter, not SQL text");
        }
    }

    @Test
    void withoutAnUpdatedAtColumnThereIsNoCursorAndNoIncrementalRead() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(threeRows()))) {
            assertNull(connector.read(new ReadRequest(settings(ch.port()), pipeline(null), null), new RecordingSink()).cursor());
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.read(
                    new ReadRequest(settings(ch.port()), pipeline(null), new ReadCursor(T0, "u1").encode()), new RecordingSink()));
            assertTrue(e.getMessage().contains("updatedAtColumn"), e.getMessage());
        }
    }

    @Test
    void aCancelledReadStopsAndItsCursorIsTheLastRecordDelivered() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(threeRows()))) {
            RecordingSink sink = new RecordingSink(1);
            ReadResult result = connector.read(new ReadRequest(settings(ch.port()), pipeline("updated_at"), null), sink);
            assertEquals(1, sink.records().size());
            assertEquals(new ReadCursor(T0, "u1").encode(), result.cursor());
        }
    }

    @Test
    void aColumnMissingFromTheQueryIsNamed() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(threeRows()))) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> connector.read(
                    new ReadRequest(settings(ch.port()), pipeline("changed_at"), null), new RecordingSink()));
            assertTrue(e.getMessage().contains("'changed_at' is not a column of the query"), e.getMessage());
            ConnectorException notTime = assertThrows(ConnectorException.class, () -> connector.read(
                    new ReadRequest(settings(ch.port()), pipeline("email"), null), new RecordingSink()));
            assertTrue(notTime.getMessage().contains("must be a Date, DateTime or DateTime64"), notTime.getMessage());
        }
    }

    @Test
    void discoverDescribesTheQueryWithoutRunningIt() throws Exception {
        FakeClickHouse.Result describe = new FakeClickHouse.Result(List.of("name", "type"), List.of("String", "String"));
        for (int i = 0; i < NAMES.size(); i++) {
            describe.string(NAMES.get(i)).string(TYPES.get(i));
        }
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(describe.bytes()))) {
            ObjectType schema = connector.discover(settings(ch.port()), pipeline("updated_at"));
            assertEquals(NAMES, schema.properties().stream().map(p -> p.name()).toList());
            assertEquals(Type.datetime(), schema.property("updated_at").orElseThrow().type());
            assertEquals(Type.array(Type.string()), schema.property("tags").orElseThrow().type());
            assertEquals(ClickHouseSql.describe("SELECT * FROM users"), ch.requests().get(0).sql());
            assertEquals("1", ch.requests().get(0).parameters().get("readonly"));
        }
    }

    @Test
    void aServerErrorIsAConnectorExceptionWithTheServersWords() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.error(404, 60,
                "Code: 60. DB::Exception: Table crm.users does not exist. (UNKNOWN_TABLE)"))) {
            ConnectorException e = assertThrows(ConnectorException.class,
                    () -> connector.discover(settings(ch.port()), pipeline("updated_at")));
            assertTrue(e.getMessage().contains("Table crm.users does not exist"), e.getMessage());
            assertFalse(e.getMessage().contains(PASSWORD));
        }
    }

    @Test
    void checkNamesTheSettingToBlame() throws Exception {
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.error(403, 516,
                "Code: 516. DB::Exception: reader: Authentication failed. (AUTHENTICATION_FAILED)"))) {
            CheckResult r = connector.check(settings(ch.port()), Duration.ofSeconds(5));
            assertFalse(r.ok());
            assertEquals("password", r.field());
        }
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.error(404, 81,
                "Code: 81. DB::Exception: Database crm does not exist. (UNKNOWN_DATABASE)"))) {
            assertEquals("database", connector.check(settings(ch.port()), Duration.ofSeconds(5)).field());
        }
        byte[] one = new FakeClickHouse.Result(List.of("1"), List.of("UInt8")).bool(true).bytes();
        try (FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(one))) {
            CheckResult r = connector.check(settings(ch.port()), Duration.ofSeconds(5));
            assertTrue(r.ok(), r.message());
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        long start = System.nanoTime();
        CheckResult refused = connector.check(settings(closed), Duration.ofSeconds(3));
        assertFalse(refused.ok());
        assertEquals("port", refused.field(), refused.message());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(6).toNanos());
    }
}
