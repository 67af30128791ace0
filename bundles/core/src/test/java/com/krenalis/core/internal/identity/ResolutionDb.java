package com.krenalis.core.internal.identity;

import com.krenalis.api.types.Property;
import com.krenalis.api.types.Type;
import com.krenalis.testing.TestPostgres;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A warehouse namespace on the embedded PostgreSQL with an identities table for the given properties, and the
 * resolution run on it the way the service runs it (one transaction).
 */
final class ResolutionDb implements AutoCloseable {
    static final String NS = "ws";
    static final UnaryOperator<String> QUOTE = s -> "\"" + s.replace("\"", "\"\"") + "\"";

    /** One identity to insert. */
    record Identity(long connection, long pipeline, String id, boolean anonymous, Set<String> anonymousIds,
                    Instant updatedAt, Map<String, Object> values) {
        static Identity known(long connection, String id, Instant updatedAt, Map<String, Object> values) {
            return new Identity(connection, 1, id, false, Set.of(), updatedAt, values);
        }
    }

    final List<Property> properties;
    final Connection c;
    private long runs;

    ResolutionDb(List<Property> properties) throws SQLException {
        this.properties = properties;
        this.c = TestPostgres.connect(TestPostgres.newDatabase("ir"));
        StringBuilder ddl = new StringBuilder("CREATE TABLE ws.identities (_connection bigint NOT NULL, _pipeline bigint NOT NULL, "
                + "_identity_id text NOT NULL, _is_anonymous boolean NOT NULL, _anonymous_ids text[], "
                + "_updated_at timestamptz NOT NULL, _kpid uuid");
        for (Property p : properties) {
            ddl.append(", ").append(QUOTE.apply(p.name())).append(" ").append(sqlType(p.type()));
        }
        ddl.append(", PRIMARY KEY (_connection, _pipeline, _identity_id, _is_anonymous))");
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA ws");
            st.execute(ddl.toString());
            st.execute("CREATE TABLE ws.events (message_id text PRIMARY KEY, connection_id bigint NOT NULL, "
                    + "anonymous_id text, user_id text, kpid uuid)");
        }
    }

    static String sqlType(Type t) {
        switch (t.kind()) {
            case INT: return "bigint";
            case ARRAY: return sqlType(((com.krenalis.api.types.ArrayType) t).element()) + "[]";
            case JSON: case OBJECT: return "jsonb";
            case UUID: return "uuid";
            case IP: return "inet";
            case DATETIME: return "timestamptz";
            case DECIMAL: return "numeric";
            case BOOLEAN: return "boolean";
            default: return "text";
        }
    }

    void insert(Identity... identities) throws SQLException {
        insert(List.of(identities));
    }

    void insert(List<Identity> identities) throws SQLException {
        StringBuilder sql = new StringBuilder("INSERT INTO ws.identities (_connection, _pipeline, _identity_id, _is_anonymous, "
                + "_anonymous_ids, _updated_at");
        for (Property p : properties) {
            sql.append(", ").append(QUOTE.apply(p.name()));
        }
        sql.append(") VALUES (?, ?, ?, ?, ?, ?").append(", ?".repeat(properties.size())).append(")");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (Identity i : identities) {
                ps.setLong(1, i.connection());
                ps.setLong(2, i.pipeline());
                ps.setString(3, i.id());
                ps.setBoolean(4, i.anonymous());
                ps.setArray(5, c.createArrayOf("text", i.anonymousIds().toArray()));
                ps.setTimestamp(6, Timestamp.from(i.updatedAt()));
                for (int k = 0; k < properties.size(); k++) {
                    Object v = i.values().get(properties.get(k).name());
                    if (v instanceof List<?> list) {
                        ps.setArray(7 + k, c.createArrayOf("text", list.toArray()));
                    } else {
                        ps.setObject(7 + k, v);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void exec(String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    ResolutionOutcome resolve(List<String> identifiers) throws SQLException {
        return resolve(identifiers, Map.of(), 1000, Map.of());
    }

    ResolutionOutcome resolve(List<String> identifiers, Map<String, List<String>> blocklist, int max,
                              Map<String, Long> primary) throws SQLException {
        ResolutionSpec spec = new ResolutionSpec(++runs, properties, identifiers, blocklist, max, primary);
        c.setAutoCommit(false);
        try {
            ResolutionOutcome outcome = new PostgresResolution(c, NS, QUOTE, spec, (phase, millis) -> { }).run();
            c.commit();
            return outcome;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    /** identity id → KPID (for identities whose ids are unique across connections in a test). */
    Map<String, UUID> kpids() throws SQLException {
        Map<String, UUID> kpids = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT _connection, _pipeline, _identity_id, _is_anonymous, _kpid FROM ws.identities")) {
            while (rs.next()) {
                kpids.put(rs.getString(3), (UUID) rs.getObject(5));
            }
        }
        return kpids;
    }

    /** The profiles view, by KPID, each a map of column → value (arrays as lists). */
    Map<UUID, Map<String, Object>> profiles() throws SQLException {
        Map<UUID, Map<String, Object>> profiles = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM ws.profiles")) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    if (v instanceof Array a) {
                        v = new ArrayList<>(List.of((Object[]) a.getArray()));
                    }
                    row.put(rs.getMetaData().getColumnName(i), v);
                }
                profiles.put((UUID) row.get("_kpid"), row);
            }
        }
        return profiles;
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
