package com.krenalis.connector.postgresql;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * One real PostgreSQL for all the tests of this module, started on an ephemeral port on first use and stopped when
 * the test JVM exits. The superuser {@code postgres} connects without a password (for the tests' own SQL); the
 * connector connects as {@link #READER}, whose password the server checks (SCRAM), so that a wrong password fails.
 */
final class TestPostgres {
    static final String READER = "krenalis_reader";
    static final String READER_PASSWORD = "reader-Secret-42";

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().setPGStartupWait(java.time.Duration.ofSeconds(120)).start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
                requirePasswords();
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("could not start the embedded PostgreSQL", e);
            }
        }
        return server;
    }

    /** Every TCP connection but the superuser's authenticates with a password. */
    private static void requirePasswords() throws SQLException, IOException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + READER + " LOGIN PASSWORD '" + READER_PASSWORD + "'");
            s.execute("GRANT ALL ON SCHEMA public TO " + READER);
            ResultSet rs = s.executeQuery("SHOW hba_file");
            rs.next();
            Files.writeString(Path.of(rs.getString(1)), String.join("\n",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
            s.execute("SELECT pg_reload_conf()");
        }
    }

    static Connection superuser() throws SQLException {
        return server().getPostgresDatabase().getConnection();
    }

    /** Runs the tests' own SQL as the superuser. */
    static void execute(String... statements) throws SQLException {
        try (Connection c = superuser(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Connection settings of the reader. */
    static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("host", "127.0.0.1");
        s.put("port", server().getPort());
        s.put("database", "postgres");
        s.put("username", READER);
        s.put("password", READER_PASSWORD);
        s.put("sslMode", "disable");
        return s;
    }

    /** A port nothing listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
