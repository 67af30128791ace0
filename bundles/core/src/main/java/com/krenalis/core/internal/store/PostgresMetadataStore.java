package com.krenalis.core.internal.store;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.UnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.condition.Condition;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata store on PostgreSQL. Waits for the launcher's {@code krenalis.database} condition, applies pending
 * migrations, then serves pooled transactions.
 */
@Component(service = MetadataDatabase.class, configurationPid = PostgresMetadataStore.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MetadataStoreConfig.class)
public final class PostgresMetadataStore implements MetadataDatabase {
    public static final String PID = "com.krenalis.core.metadata";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresMetadataStore.class);

    private final HikariDataSource pool;

    @Activate
    public PostgresMetadataStore(MetadataStoreConfig config,
                                 @Reference(target = "(osgi.condition.id=krenalis.database)") Condition databaseReady)
            throws SQLException {
        requireNonNull(databaseReady, "databaseReady");
        this.pool = open(config.url(), config.user(), config._password(), config.maxConnections());
        try {
            int applied = new Migrator(pool).migrate();
            LOG.info("Metadata store ready at {} ({} migration(s) applied)", config.url(), applied);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    static HikariDataSource open(String url, String user, String password, int maxConnections) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setApplicationName("krenalis-metadata");
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setPoolName("metadata");
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setAutoCommit(false);
        return new HikariDataSource(config);
    }

    @Override
    public <T> T transaction(Sql<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            if (isConnectionFailure(e)) {
                throw new UnavailableException("the metadata store is unavailable: " + e.getMessage(), e);
            }
            throw new IllegalStateException("metadata store error: " + e.getMessage(), e);
        }
    }

    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientException || (state != null && (state.startsWith("08") || state.startsWith("57P")));
    }

    @Override
    public boolean ping() {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement()) {
            st.setQueryTimeout(1);
            st.execute("SELECT 1");
            c.rollback();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    @Deactivate
    public void close() {
        pool.close();
    }
}
