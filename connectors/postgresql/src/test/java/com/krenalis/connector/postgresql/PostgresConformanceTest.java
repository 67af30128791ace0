package com.krenalis.connector.postgresql;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordSourceConformance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** The record-source conformance suite against the embedded PostgreSQL. */
class PostgresConformanceTest extends RecordSourceConformance {
    private static final Connector CONNECTOR = new PostgresConnector();

    @Override
    protected Connector connector() {
        return CONNECTOR;
    }

    @Override
    protected Map<String, Object> settings() {
        return TestPostgres.settings();
    }

    @Override
    protected Map<String, Object> pipelineSettings() {
        return Map.of("query", "SELECT * FROM conformance_users", "identityColumn", "id",
                "updatedAtColumn", "updated_at");
    }

    @Override
    protected Map<String, Object> unreadablePipelineSettings() {
        return Map.of("query", "SELECT * FROM no_such_table", "identityColumn", "id");
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> s = TestPostgres.settings();
        s.put("password", "wrong-password");
        return s;
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        Map<String, Object> s = TestPostgres.settings();
        s.put("port", 70000);
        return s;
    }

    @Override
    protected String invalidField() {
        return "port";
    }

    @Override
    protected void replaceUsers(List<Fixture.User> users) throws Exception {
        try (Connection c = TestPostgres.superuser()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS conformance_users (id text, email varchar(254), "
                        + "first_name varchar(100), score bigint, vip boolean, birth_date date, updated_at timestamp(3))");
                s.execute("GRANT SELECT ON conformance_users TO " + TestPostgres.READER);
                s.execute("DELETE FROM conformance_users");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO conformance_users VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Fixture.User u : users) {
                    insert.setString(1, u.id());
                    insert.setString(2, u.email());
                    insert.setString(3, u.firstName());
                    insert.setObject(4, u.score(), Types.BIGINT);
                    insert.setObject(5, u.vip(), Types.BOOLEAN);
                    insert.setObject(6, u.birthDate(), Types.DATE);
                    insert.setObject(7, u.updatedAt() == null ? null : u.updatedAt().atOffset(ZoneOffset.UTC).toLocalDateTime(),
                            Types.TIMESTAMP);
                    insert.executeUpdate();
                }
            }
        }
    }
}
