package com.krenalis.core.internal.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Applies the versioned SQL migrations listed in {@code migrations/index.txt}, each in its own transaction, under an
 * advisory lock so that two servers starting together do not race. Refuses to start when an applied migration was
 * edited (checksum) or when the database was migrated by a newer server.
 *
 * <p>Flyway and Liquibase scan the class path for migrations, which does not work from inside a bundle without
 * adapters; the whole job is this small class.
 */
final class Migrator {
    private static final Pattern NAME = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");
    private static final long LOCK_ID = 0x6B72656E616C6973L; // "krenalis"

    record Migration(int version, String description, String sql, String checksum) {
    }

    private final DataSource dataSource;
    private final List<Migration> migrations;

    Migrator(DataSource dataSource) {
        this(dataSource, load("migrations/"));
    }

    Migrator(DataSource dataSource, List<Migration> migrations) {
        this.dataSource = dataSource;
        this.migrations = migrations;
    }

    /** Applies the pending migrations; returns how many. */
    int migrate() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_lock(" + LOCK_ID + ")");
            }
            try {
                return migrateLocked(c);
            } finally {
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT pg_advisory_unlock(" + LOCK_ID + ")");
                }
            }
        }
    }

    private int migrateLocked(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                    + "description text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), "
                    + "execution_ms bigint NOT NULL)");
        }
        Map<Integer, String> applied = new TreeMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version, checksum FROM schema_migrations")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        int latestKnown = migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
        for (int version : applied.keySet()) {
            if (version > latestKnown) {
                throw new SQLException("the metadata store was migrated by a newer Krenalis (migration V" + version
                        + "; this server knows up to V" + latestKnown + "): run the newer version");
            }
        }
        int count = 0;
        for (Migration m : migrations) {
            String checksum = applied.get(m.version());
            if (checksum != null) {
                if (!checksum.equals(m.checksum())) {
                    throw new SQLException("migration V" + m.version() + " (" + m.description()
                            + ") was changed after it was applied; restore it and add a new migration instead");
                }
                continue;
            }
            apply(c, m);
            count++;
        }
        return count;
    }

    private static void apply(Connection c, Migration m) throws SQLException {
        long start = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute(m.sql());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_migrations (version, description, checksum, execution_ms) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setString(3, m.checksum());
                ps.setLong(4, (System.nanoTime() - start) / 1_000_000);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration V" + m.version() + " (" + m.description() + ") failed: " + e.getMessage(),
                    e.getSQLState(), e);
        }
    }

    static List<Migration> load(String folder) {
        List<Migration> out = new ArrayList<>();
        for (String line : read(folder + "index.txt").split("\n")) {
            String name = line.trim();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("bad migration name " + name + ": expected V000__description.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (!out.isEmpty() && out.get(out.size() - 1).version() >= version) {
                throw new IllegalStateException("migrations out of order at " + name);
            }
            String sql = read(folder + name);
            out.add(new Migration(version, m.group(2).replace('_', ' '), sql, sha256(sql)));
        }
        return out;
    }

    private static String read(String resource) {
        InputStream in = Migrator.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing resource " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            for (String line; (line = r.readLine()) != null; ) {
                sb.append(line).append('\n');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
