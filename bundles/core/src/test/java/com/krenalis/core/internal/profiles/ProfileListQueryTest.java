package com.krenalis.core.internal.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.profiles.ProfileQueries.Query;
import com.krenalis.api.types.Type;
import com.krenalis.core.internal.profiles.WarehouseColumns.Column;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The SQL of a page of profiles: columns, filter, and each form of the keyset condition. */
class ProfileListQueryTest {
    private static final UUID KPID = UUID.fromString("0190a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d");
    private static final Map<String, Column> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("_kpid", new Column("_kpid", Type.uuid(), "pg_catalog", "uuid"));
        COLUMNS.put("_updated_at", new Column("_updated_at", Type.datetime(), "pg_catalog", "timestamptz"));
        COLUMNS.put("_identities", new Column("_identities", Type.int32(), "pg_catalog", "int4"));
        COLUMNS.put("age", new Column("age", Type.int32(), "pg_catalog", "int4"));
        COLUMNS.put("last\"name", new Column("last\"name", Type.string(), "pg_catalog", "text"));
        COLUMNS.put("period", new Column("period", null, "pg_catalog", "interval"));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static ProfileListQuery.Sql build(List<String> properties, Map<String, Object> filter, String order, boolean desc,
                                              String cursor) {
        return ProfileListQuery.build("\"ws\".\"profiles\"", COLUMNS, new Query(properties, filter, order, desc, 10, cursor),
                ProfileListQueryTest::quote);
    }

    private static String cursor(String order, boolean desc, String value) {
        return new ProfileCursor(order, desc, value, KPID).encode();
    }

    @Test
    void byKpid() {
        ProfileListQuery.Sql sql = build(List.of("age"), null, null, false, null);
        assertEquals("SELECT \"_kpid\", \"_updated_at\", \"_identities\", \"age\" FROM \"ws\".\"profiles\" WHERE TRUE "
                + "ORDER BY \"_kpid\" ASC LIMIT 11", sql.sql());
        sql = build(List.of("age"), null, null, true, cursor("_kpid", true, null));
        assertEquals("SELECT \"_kpid\", \"_updated_at\", \"_identities\", \"age\" FROM \"ws\".\"profiles\" WHERE TRUE "
                + "AND \"_kpid\" < ? ORDER BY \"_kpid\" DESC LIMIT 11", sql.sql());
        assertEquals(List.of(KPID), sql.args());
    }

    @Test
    void byAPropertyWithEachKeysetForm() {
        String select = "SELECT \"_kpid\", \"_updated_at\", \"_identities\", \"age\", \"last\"\"name\", \"period\", "
                + "CAST(\"age\" AS text) AS \"_cursor_value\" FROM \"ws\".\"profiles\" WHERE TRUE";
        String value = "CAST(? AS \"pg_catalog\".\"int4\")";
        ProfileListQuery.Sql sql = build(List.of(), null, "age", false, cursor("age", false, "30"));
        assertEquals(select + " AND (\"age\" > " + value + " OR (\"age\" = " + value + " AND \"_kpid\" > ?) OR \"age\" IS NULL)"
                + " ORDER BY \"age\" ASC NULLS LAST, \"_kpid\" ASC LIMIT 11", sql.sql());
        assertEquals(List.of("30", "30", KPID), sql.args());
        sql = build(List.of(), null, "age", false, cursor("age", false, null));
        assertEquals(select + " AND (\"age\" IS NULL AND \"_kpid\" > ?) ORDER BY \"age\" ASC NULLS LAST, \"_kpid\" ASC LIMIT 11",
                sql.sql());
        sql = build(List.of(), null, "age", true, cursor("age", true, "30"));
        assertEquals(select + " AND (\"age\" < " + value + " OR (\"age\" = " + value + " AND \"_kpid\" < ?))"
                + " ORDER BY \"age\" DESC NULLS FIRST, \"_kpid\" DESC LIMIT 11", sql.sql());
        sql = build(List.of(), null, "age", true, cursor("age", true, null));
        assertEquals(select + " AND (\"age\" IS NULL AND \"_kpid\" < ? OR \"age\" IS NOT NULL)"
                + " ORDER BY \"age\" DESC NULLS FIRST, \"_kpid\" DESC LIMIT 11", sql.sql());
    }

    @Test
    void theFilterIsBoundAfterTheColumnsAndBeforeTheCursor() {
        Map<String, Object> filter = Map.of("logical", "and", "conditions",
                List.of(Map.of("property", "age", "operator", "is greater than", "values", List.of(18))));
        ProfileListQuery.Sql sql = build(List.of("age"), filter, "age", false, cursor("age", false, "30"));
        assertEquals(List.of(new BigDecimal(18), "30", "30", KPID), sql.args());
    }

    @Test
    void errorsNameTheParameter() {
        assertEquals("properties", assertThrows(InvalidInputException.class, () -> build(List.of("x"), null, null, false, null))
                .errors().get(0).field());
        assertEquals("order", assertThrows(InvalidInputException.class, () -> build(null, null, "x", false, null))
                .errors().get(0).field());
        assertEquals("order", assertThrows(InvalidInputException.class, () -> build(null, null, "period", false, null))
                .errors().get(0).field());
        assertEquals("cursor", assertThrows(InvalidInputException.class, () -> build(null, null, "age", false, cursor("age", true, "1")))
                .errors().get(0).field());
        assertEquals("filter.conditions[0].property", assertThrows(InvalidInputException.class, () -> build(null,
                Map.of("logical", "and", "conditions", List.of(Map.of("property", "period", "operator", "is null"))),
                null, false, null)).errors().get(0).field());
    }

    @Test
    void aCursorRoundTrips() {
        ProfileCursor c = new ProfileCursor("age", true, "2026-01-01 00:00:00+00", KPID);
        assertEquals(c, ProfileCursor.parse(c.encode(), "age", true));
    }
}
