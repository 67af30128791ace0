package com.krenalis.driver.postgresql.internal;

import com.krenalis.api.warehouse.TableDefinition;
import com.krenalis.api.warehouse.UnitOfWork;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
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
                st.execute("SELECT pg_advisory_xact_lock(hashtext('krenalis.ddl:' || " + PostgresDialect.literal(settings.schema()) + "))");
                List<String> statements = SchemaPlanner.plan(c, settings.schema(), desired);
                for (String sql : statements) {
                    st.execute(sql);
                }
                return statements;
            }
        });
    }

    @Override
    public long load(String table, List<String> columns, Iterator<Object[]> rows) throws WarehouseException {
        String sql = "COPY " + table(table) + " (" + String.join(", ", columns.stream().map(this::quote).toList())
                + ") FROM STDIN (FORMAT csv)";
        return execute(c -> CopyEncoder.copy(c.unwrap(PGConnection.class).getCopyAPI(), sql, columns.size(), rows));
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
