package com.krenalis.core.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.testing.TestPostgres;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MigratorIT {
    private HikariDataSource ds;

    @BeforeEach
    void database() {
        ds = PostgresMetadataStore.open(TestPostgres.newDatabase("migrator"), TestPostgres.user(), null, 4);
    }

    @AfterEach
    void close() {
        ds.close();
    }

    private long count(String sql) throws SQLException {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void appliesEveryShippedMigrationOnceThenNothing() throws Exception {
        List<Migrator.Migration> shipped = Migrator.load("migrations/");
        assertTrue(!shipped.isEmpty());
        assertEquals(shipped.size(), new Migrator(ds).migrate());
        assertEquals(0, new Migrator(ds).migrate());
        assertEquals(shipped.size(), count("SELECT count(*) FROM schema_migrations"));
        assertEquals(0, count("SELECT count(*) FROM workspaces"), "the tables exist");
    }

    @Test
    void refusesAnEditedMigration() throws Exception {
        Migrator.Migration v1 = new Migrator.Migration(1, "one", "CREATE TABLE t1 (id int)", "aaa");
        new Migrator(ds, List.of(v1)).migrate();
        Migrator.Migration edited = new Migrator.Migration(1, "one", "CREATE TABLE t1 (id bigint)", "bbb");
        SQLException e = assertThrows(SQLException.class, () -> new Migrator(ds, List.of(edited)).migrate());
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void refusesADatabaseMigratedByANewerServer() throws Exception {
        new Migrator(ds, List.of(new Migrator.Migration(1, "one", "SELECT 1", "a"),
                new Migrator.Migration(2, "two", "SELECT 2", "b"))).migrate();
        SQLException e = assertThrows(SQLException.class,
                () -> new Migrator(ds, List.of(new Migrator.Migration(1, "one", "SELECT 1", "a"))).migrate());
        assertTrue(e.getMessage().contains("newer Krenalis"), e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesNothingBehind() throws Exception {
        Migrator.Migration broken = new Migrator.Migration(1, "broken", "CREATE TABLE half (id int); SELECT no_such_function()", "x");
        assertThrows(SQLException.class, () -> new Migrator(ds, List.of(broken)).migrate());
        assertEquals(0, count("SELECT count(*) FROM pg_tables WHERE tablename = 'half'"));
        assertEquals(0, count("SELECT count(*) FROM schema_migrations"));
    }

    @Test
    void concurrentServersApplyEachMigrationOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit((Callable<Integer>) () -> new Migrator(ds).migrate()));
        }
        int applied = 0;
        for (Future<Integer> f : runs) {
            applied += f.get();
        }
        pool.shutdown();
        assertEquals(Migrator.load("migrations/").size(), applied);
    }
}
