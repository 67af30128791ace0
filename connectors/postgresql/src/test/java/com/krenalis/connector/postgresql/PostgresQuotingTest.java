package com.krenalis.connector.postgresql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ReadResult;
import com.krenalis.api.connector.SourceRecord;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.types.Property;
import com.krenalis.conformance.RecordingSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Identifiers from settings are quoted, whatever they hold: column names and the schema. */
class PostgresQuotingTest {
    private static final String ID = "a\"b";
    private static final String UPDATED = "upd\" OR 1=1 --";
    private static final String SCHEMA = "we\"ird schema";

    @BeforeAll
    static void createTables() throws Exception {
        TestPostgres.execute("DROP SCHEMA IF EXISTS \"we\"\"ird schema\" CASCADE",
                "CREATE SCHEMA \"we\"\"ird schema\"",
                "CREATE TABLE \"we\"\"ird schema\".hostile (\"a\"\"b\" text, \"upd\"\" OR 1=1 --\" timestamptz, "
                        + "\"Mixed Case\" int)",
                "INSERT INTO \"we\"\"ird schema\".hostile VALUES ('x1', '2026-01-01T00:00:00Z', 1), "
                        + "('x2', '2026-01-02T00:00:00Z', 2), ('x3', '2026-01-03T00:00:00Z', 3)",
                "GRANT USAGE ON SCHEMA \"we\"\"ird schema\" TO " + TestPostgres.READER,
                "GRANT SELECT ON ALL TABLES IN SCHEMA \"we\"\"ird schema\" TO " + TestPostgres.READER);
    }

    @Test
    void quotingDoublesTheQuote() {
        assertEquals("\"a\"\"b\"", PostgresDialect.quoteIdentifier(ID));
        assertEquals("\"Mixed Case\"", PostgresDialect.quoteIdentifier("Mixed Case"));
        assertEquals("(CAST(x AS text) COLLATE \"C\")", new PostgresDialect().textOf("x"));
    }

    @Test
    void hostileColumnNamesAndSchemaReadFullyAndIncrementally() throws Exception {
        var connection = PostgresReads.connection(Map.of("schema", SCHEMA));
        var pipeline = PostgresReads.pipeline("SELECT * FROM hostile", ID, UPDATED);

        ObjectType schema = PostgresReads.CONNECTOR.discover(connection, pipeline);
        assertEquals(List.of("a_b", "upd__OR_1_1___", "Mixed_Case"),
                schema.properties().stream().map(Property::name).toList(), "columns as property names");

        RecordingSink all = new RecordingSink();
        ReadResult full = PostgresReads.CONNECTOR.read(
                new com.krenalis.api.connector.ReadRequest(connection, pipeline, null), all);
        assertEquals(List.of("x1", "x2", "x3"), all.records().stream().map(SourceRecord::id).toList());
        assertEquals(1L, all.records().get(0).properties().get("Mixed_Case"));

        TestPostgres.execute("UPDATE \"we\"\"ird schema\".hostile SET \"upd\"\" OR 1=1 --\" = '2026-02-01T00:00:00Z' "
                + "WHERE \"a\"\"b\" = 'x2'");
        RecordingSink changed = new RecordingSink();
        PostgresReads.CONNECTOR.read(new com.krenalis.api.connector.ReadRequest(connection, pipeline, full.cursor()),
                changed);
        assertEquals(List.of("x2"), changed.records().stream().map(SourceRecord::id).toList());
    }

    @Test
    void checkNamesAMissingSchema() throws Exception {
        CheckResult ok = PostgresReads.CONNECTOR.check(PostgresReads.connection(Map.of("schema", SCHEMA)),
                Duration.ofSeconds(10));
        assertTrue(ok.ok(), ok.message());
        CheckResult missing = PostgresReads.CONNECTOR.check(PostgresReads.connection(Map.of("schema", "nope\"")),
                Duration.ofSeconds(10));
        assertEquals("schema", missing.field(), missing.message());
    }
}
