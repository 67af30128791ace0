package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordSourceConformance;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance suite against a clickhouse-server this test starts itself. Skipped, with the reason, when no
 * server binary is installed or the installed one is older than the connector needs (see README.md).
 */
class ClickHouseConformanceTest extends RecordSourceConformance {
    /** Bool (21.12) and server-side query parameters with DateTime64 (20.x) are the newest features relied on. */
    static final int[] MINIMUM_VERSION = {22, 3};
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static ClickHouseServer server;
    /** Why the suite cannot run here, or null: each test is then skipped with it, so the reason shows per test. */
    private static String skipReason;

    @BeforeAll
    static void startServer() throws Exception {
        Path binary = ClickHouseServer.binary();
        if (binary == null) {
            skipReason = "ClickHouse server not installed: set CLICKHOUSE_BINARY to a clickhouse (or "
                + "clickhouse-server) binary of version 22.3 or newer; Debian bookworm's clickhouse-server package is "
                + "18.16 and too old (connectors/clickhouse/README.md)";
            return;
        }
        server = ClickHouseServer.start(binary);
        int[] v = server.version();
        boolean recentEnough = v[0] > MINIMUM_VERSION[0] || v[0] == MINIMUM_VERSION[0] && v[1] >= MINIMUM_VERSION[1];
        if (!recentEnough) {
            server.close();
            server = null;
            skipReason = "ClickHouse server " + binary + " is version " + v[0] + "." + v[1] + ", older than 22.3: it "
                    + "lacks the RowBinaryWithNamesAndTypes format, query parameters and the Bool and DateTime64 types "
                    + "this connector and its test need (connectors/clickhouse/README.md)";
            return;
        }
        server.sql("CREATE TABLE users (id Nullable(String), email Nullable(String), first_name Nullable(String), "
                + "score Nullable(Int64), vip Nullable(Bool), birth_date Nullable(Date), "
                + "updated_at DateTime64(3, 'UTC')) ENGINE = MergeTree ORDER BY tuple()");
    }

    @BeforeEach
    void requireServer() {
        assumeTrue(skipReason == null, skipReason);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected Connector connector() {
        return new ClickHouseConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("host", "127.0.0.1", "port", (long) server.httpPort(), "password", ClickHouseServer.PASSWORD);
    }

    @Override
    protected Map<String, Object> pipelineSettings() {
        return Map.of("query", "SELECT * FROM users", "identityColumn", "id", "updatedAtColumn", "updated_at");
    }

    @Override
    protected Map<String, Object> unreadablePipelineSettings() {
        return Map.of("query", "SELECT * FROM no_such_table", "identityColumn", "id");
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        return Map.of("host", "127.0.0.1", "port", (long) server.httpPort(), "password", "wrong-password");
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("host", "127.0.0.1", "port", 0L);
    }

    @Override
    protected String invalidField() {
        return "port";
    }

    @Override
    protected void replaceUsers(List<Fixture.User> users) throws Exception {
        server.sql("TRUNCATE TABLE users");
        server.sql("INSERT INTO users VALUES " + users.stream().map(u -> "(" + String.join(", ", literal(u.id()),
                literal(u.email()), literal(u.firstName()), u.score() == null ? "NULL" : u.score().toString(),
                u.vip() == null ? "NULL" : u.vip().toString(), literal(u.birthDate() == null ? null : u.birthDate().toString()),
                literal(MILLIS.format(LocalDateTime.ofInstant(u.updatedAt(), ZoneOffset.UTC)))) + ")")
                .collect(Collectors.joining(", ")));
    }

    private static String literal(String s) {
        return s == null ? "NULL" : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
