package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.warehouse.TableChange;
import com.krenalis.api.warehouse.TableDefinition;
import com.krenalis.api.warehouse.UnitOfWork;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.ds.PGSimpleDataSource;

/** A workspace's schema in PostgreSQL, reached through a HikariCP pool. */
final class PostgresWarehouse implements Warehouse {
    private final ConnectionSettings settings;
    private final HikariDataSource pool;

    PostgresWarehouse(ConnectionSettings settings) {
        this.settings = settings;
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(settings.jdbcUrl());
        ds.setUser(settings.user());
        if (settings.password() != null) {
            ds.setPassword(settings.password());
        }
        ds.setSslMode(settings.sslMode());
        ds.setConnectTimeout(settings.connectTimeoutSeconds());
        ds.setApplicationName("krenalis");
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setPoolName("warehouse-" + settings.schema());
        config.setMaximumPoolSize(settings.maxConnections());
        config.setMinimumIdle(Math.min(2, settings.maxConnections()));
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(settings.connectTimeoutSeconds()));
        // Open lazily: a warehouse that is down at start-up must not stop the server; calls fail and are retried.
        config.setInitializationFailTimeout(-1);
        config.setConnectionInitSql("SET search_path TO " + PostgresDialect.quote(settings.schema()) + ", public");
        this.pool = new HikariDataSource(config);
    }

    @Override
    public String namespace() {
        return settings.schema();
    }

    @Override
    public String quote(String identifier) {
        return PostgresDialect.quote(identifier);
    }

    @Override
    public void check(Duration timeout) throws WarehouseException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            st.execute("SELECT 1");
        } catch (SQLException e) {
            throw SqlErrors.translate("cannot connect to PostgreSQL at " + settings, e);
        }
    }

    @Override
    public List<String> plan(List<TableDefinition> desired) throws WarehouseException {
        return execute(c -> SchemaPlanner.plan(c, settings.schema(), desired));
    }

    @Override
    public List<String> apply(List<TableDefinition> desired) throws WarehouseException {
        // PostgreSQL DDL is transactional: the whole plan applies or nothing does. The advisory lock serialises
        // concurrent appliers of the same schema.
        return execute(c -> {
            try (Statement st = c.createStatement()) {
                lockDdl(st);
                List<String> statements = SchemaPlanner.plan(c, settings.schema(), desired);
                for (String sql : statements) {
                    st.execute(sql);
                }
                return statements;
            }
        });
    }

    @Override
    public TableChange planChange(TableDefinition desired) throws WarehouseException {
        return execute(c -> TableChangePlanner.plan(c, settings.schema(), desired));
    }

    /**
     * Under the same advisory lock as {@link #apply}, so the plan is made against the table it runs on; with the
     * time zone UTC and ISO dates, so that conversions between times, dates and text do not depend on the server's
     * settings; and with a lock timeout, so that a long query on the table fails the change instead of blocking the
     * caller (and every writer queued behind the change's lock) indefinitely.
     */
    @Override
    public TableChange applyChange(TableDefinition desired, boolean allowDestructive, UnitOfWork<?> beforeCommit)
            throws WarehouseException {
        return execute(c -> {
            try (Statement st = c.createStatement()) {
                lockDdl(st);
                st.execute("SET LOCAL TimeZone = 'UTC'");
                st.execute("SET LOCAL DateStyle = 'ISO, YMD'");
                st.execute("SET LOCAL lock_timeout = '30s'");
                TableChange plan = TableChangePlanner.plan(c, settings.schema(), desired);
                if (plan.isDestructive() && !allowDestructive) {
                    return plan;
                }
                for (String sql : plan.statements()) {
                    st.execute(sql);
                }
                if (beforeCommit != null) {
                    beforeCommit.run(c);
                }
                return new TableChange(plan.table(), plan.statements(), plan.destructive(), true);
            }
        });
    }

    private void lockDdl(Statement st) throws SQLException {
        st.execute("SELECT pg_advisory_xact_lock(hashtext('krenalis.ddl:' || " + PostgresDialect.literal(settings.schema()) + "))");
    }

    @Override
    public long load(String table, List<String> columns, Iterator<Object[]> rows) throws WarehouseException {
        String sql = "COPY " + table(table) + " (" + String.join(", ", columns.stream().map(this::quote).toList())
                + ") FROM STDIN (FORMAT csv)";
        return execute(c -> CopyEncoder.copy(c.unwrap(PGConnection.class).getCopyAPI(), sql, columns.size(), rows));
    }

    /**
     * One transaction. When the key column has a unique index, which the events table's primary key is, the rows are
     * first {@code COPY}ed straight into the table, in a savepoint: nearly always every key is new (a batch is loaded
     * again only after a crash), and one COPY costs half of the general path. A unique violation rolls back to the
     * savepoint and takes the general path: COPY into a temporary table of the same column types, then insert the
     * rows whose key is not in the table. {@code ON CONFLICT DO NOTHING} covers a concurrent loader when the key is
     * unique; {@code NOT EXISTS} and {@code DISTINCT ON} cover a table without a unique key. The rows are held in
     * memory for the second try: the caller's batch, which it holds anyway.
     */
    @Override
    public long loadNew(String table, List<String> columns, String keyColumn, Iterator<Object[]> rows)
            throws WarehouseException {
        int keyIndex = columns.indexOf(keyColumn);
        if (keyIndex < 0) {
            throw new IllegalArgumentException("key column " + keyColumn + " is not among the columns " + columns);
        }
        List<Object[]> batch = new ArrayList<>();
        rows.forEachRemaining(row -> {
            if (row.length > keyIndex && row[keyIndex] == null) {
                throw new IllegalArgumentException("a row has no value for the key column " + keyColumn);
            }
            batch.add(row);
        });
        if (batch.isEmpty()) {
            return 0;
        }
        String list = String.join(", ", columns.stream().map(this::quote).toList());
        String staged = quote("krenalis_load_new");
        String key = quote(keyColumn);
        return execute(c -> {
            CopyManager copyApi = c.unwrap(PGConnection.class).getCopyAPI();
            if (hasUniqueIndexOn(c, table(table), keyColumn)) {
                Savepoint before = c.setSavepoint();
                try {
                    long n = CopyEncoder.copy(copyApi, "COPY " + table(table) + " (" + list + ") FROM STDIN (FORMAT csv)",
                            columns.size(), batch.iterator());
                    c.releaseSavepoint(before);
                    return n;
                } catch (SQLException e) {
                    if (!"23505".equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(before); // some keys are there already (or twice in the batch): the general path
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TEMPORARY TABLE " + staged + " ON COMMIT DROP AS SELECT " + list + " FROM "
                        + table(table) + " WITH NO DATA");
                CopyEncoder.copy(copyApi, "COPY " + staged + " (" + list + ") FROM STDIN (FORMAT csv)", columns.size(),
                        batch.iterator());
                return (long) st.executeUpdate("INSERT INTO " + table(table) + " (" + list + ") SELECT DISTINCT ON ("
                        + key + ") " + list + " FROM " + staged + " AS s WHERE NOT EXISTS "
                        + "(SELECT 1 FROM " + table(table) + " AS e WHERE e." + key + " = s." + key + ") ON CONFLICT DO NOTHING");
            }
        });
    }

    /** Whether {@code column} alone is the key of a unique index of {@code table} (quoted) that holds every row. */
    private static boolean hasUniqueIndexOn(Connection c, String table, String column) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a "
                + "ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = ?::regclass "
                + "AND i.indisunique AND i.indisvalid AND i.indnkeyatts = 1 AND i.indpred IS NULL AND a.attname = ?)")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    @Override
    public <T> T execute(UnitOfWork<T> work) throws WarehouseException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqlErrors.translate("warehouse operation failed", e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
