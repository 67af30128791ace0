package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.TypeKind;
import com.krenalis.conformance.Fixture;
import com.krenalis.conformance.RecordSourceConformance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The conformance suite against a real Snowflake account, given in the environment. The test creates a table of its
 * own (a random name, dropped afterwards) in the given database and schema, so the user needs to create tables there.
 * Without the variables every test is skipped, naming them.
 */
class SnowflakeConformanceTest extends RecordSourceConformance {
    static final List<String> VARIABLES = List.of("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER",
            "SNOWFLAKE_PASSWORD or SNOWFLAKE_PRIVATE_KEY", "SNOWFLAKE_WAREHOUSE", "SNOWFLAKE_DATABASE", "SNOWFLAKE_SCHEMA");
    private static final String TABLE = "KRENALIS_CONFORMANCE_" + UUID.randomUUID().toString().replace("-", "").toUpperCase();
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static Map<String, Object> settings;
    private static String skipReason;

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : v;
    }

    @BeforeAll
    static void createTable() throws Exception {
        boolean credential = env("SNOWFLAKE_PASSWORD") != null || env("SNOWFLAKE_PRIVATE_KEY") != null;
        if (Stream.of("SNOWFLAKE_ACCOUNT", "SNOWFLAKE_USER", "SNOWFLAKE_WAREHOUSE", "SNOWFLAKE_DATABASE",
                "SNOWFLAKE_SCHEMA").anyMatch(n -> env(n) == null) || !credential) {
            skipReason = "no Snowflake account to test against: set " + String.join(", ", VARIABLES)
                    + " (connectors/snowflake/README.md)";
            return;
        }
        settings = new HashMap<>();
        settings.put("account", env("SNOWFLAKE_ACCOUNT"));
        settings.put("username", env("SNOWFLAKE_USER"));
        if (env("SNOWFLAKE_PRIVATE_KEY") != null) {
            settings.put("privateKey", env("SNOWFLAKE_PRIVATE_KEY").replace("\n", " ").replace("\r", ""));
        } else {
            settings.put("password", env("SNOWFLAKE_PASSWORD"));
        }
        settings.put("warehouse", env("SNOWFLAKE_WAREHOUSE"));
        settings.put("database", env("SNOWFLAKE_DATABASE"));
        settings.put("schema", env("SNOWFLAKE_SCHEMA"));
        try (Connection c = open(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (id VARCHAR, email VARCHAR, first_name VARCHAR, score BIGINT, "
                    + "vip BOOLEAN, birth_date DATE, updated_at TIMESTAMP_NTZ(3))");
        }
    }

    private static Connection open() throws Exception {
        Settings s = new SnowflakeConnector().spec().settings().validate(settings);
        return SnowflakeSessions.open(s, Duration.ofSeconds(60));
    }

    @AfterAll
    static void dropTable() throws Exception {
        if (settings != null) {
            try (Connection c = open(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TABLE);
            }
        }
    }

    @BeforeEach
    void requireAccount() {
        assumeTrue(skipReason == null, skipReason);
    }

    /**
     * Snowflake has no 64-bit integer type: BIGINT is a synonym of NUMBER(38,0), which holds more than a Long and so
     * maps to decimal(38,0) (NUMBER(p,0) with p up to 18 is an int). The values still compare equal.
     */
    @Override
    protected TypeKind expectedKind(String column) {
        return column.equals("score") ? TypeKind.DECIMAL : super.expectedKind(column);
    }

    @Override
    protected Connector connector() {
        return new SnowflakeConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return settings;
    }

    @Override
    protected Map<String, Object> pipelineSettings() {
        return Map.of("query", "SELECT * FROM " + TABLE, "identityColumn", "id", "updatedAtColumn", "updated_at");
    }

    @Override
    protected Map<String, Object> unreadablePipelineSettings() {
        return Map.of("query", "SELECT * FROM KRENALIS_NO_SUCH_TABLE", "identityColumn", "id");
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        Map<String, Object> wrong = new HashMap<>(settings);
        wrong.remove("privateKey");
        wrong.put("password", "not-the-password-" + UUID.randomUUID());
        return wrong;
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        Map<String, Object> bad = new HashMap<>(settings);
        bad.put("account", "https://" + settings.get("account") + ".snowflakecomputing.com");
        return bad;
    }

    @Override
    protected String invalidField() {
        return "account";
    }

    @Override
    protected void replaceUsers(List<Fixture.User> users) throws Exception {
        try (Connection c = open()) {
            try (Statement s = c.createStatement()) {
                s.execute("DELETE FROM " + TABLE);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " SELECT ?, ?, ?, ?, ?, "
                    + "TO_DATE(?), TO_TIMESTAMP_NTZ(?, 'YYYY-MM-DD HH24:MI:SS.FF3')")) {
                for (Fixture.User u : users) {
                    insert.setString(1, u.id());
                    insert.setString(2, u.email());
                    insert.setString(3, u.firstName());
                    if (u.score() == null) {
                        insert.setNull(4, Types.BIGINT);
                    } else {
                        insert.setLong(4, u.score());
                    }
                    if (u.vip() == null) {
                        insert.setNull(5, Types.BOOLEAN);
                    } else {
                        insert.setBoolean(5, u.vip());
                    }
                    insert.setString(6, u.birthDate() == null ? null : u.birthDate().toString());
                    insert.setString(7, MILLIS.format(LocalDateTime.ofInstant(u.updatedAt(), ZoneOffset.UTC)));
                    insert.executeUpdate();
                }
            }
        }
    }
}
