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
    void messageIdsReceivedBeforeV009StillDeduplicate() throws Exception {
        List<Migrator.Migration> shipped = Migrator.load("migrations/");
        List<Migrator.Migration> before = shipped.stream().filter(m -> m.version() < 9).toList();
        assertEquals(8, new Migrator(ds, before).migrate());
        try (var c = ds.getConnection(); var st = c.createStatement()) {
            st.execute("INSERT INTO event_message_ids (workspace_id, message_id, received_at) VALUES "
                    + "(7, 'ajs-next-0123456789abcdef0123456789abcdef', '2026-11-20T10:00:00Z'), "
                    + "(7, 'naïve ✓ 𝄞', '2026-11-21T10:00:00Z'), (8, 'naïve ✓ 𝄞', '2026-11-22T10:00:00Z')");
            c.commit();
        }
        new Migrator(ds, shipped).migrate();
        assertEquals(3, count("SELECT count(*) FROM event_message_keys"));
        for (Object[] kept : new Object[][] {{7L, "ajs-next-0123456789abcdef0123456789abcdef", "2026-11-20"},
                {7L, "naïve ✓ 𝄞", "2026-11-21"}, {8L, "naïve ✓ 𝄞", "2026-11-22"}}) {
            java.util.UUID key = com.krenalis.core.internal.eventlog.MessageKeys.of((Long) kept[0], (String) kept[1]);
            assertEquals(1, count("SELECT count(*) FROM event_message_keys WHERE key = '" + key + "' AND received_at::date = '"
                    + kept[2] + "'"), "the server's key of " + kept[0] + "/" + kept[1]);
        }
        assertEquals(0, count("SELECT count(*) FROM pg_tables WHERE tablename = 'event_message_ids'"));
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
