package com.krenalis.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the embedded PostgreSQL returns once its process is gone, however long its shutdown takes. */
class EmbeddedPostgresStopTest {

    @Test
    void waitsForAServerThatTakesLongerThanPgCtlToStop() throws Exception {
        Process slow = new ProcessBuilder("sleep", "3").start(); // stands for a server writing a long checkpoint
        long from = System.nanoTime();
        assertTrue(EmbeddedPostgresServer.awaitStop(slow.toHandle(), 30));
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from);
        assertFalse(slow.isAlive());
        assertTrue(waited >= 2_500, "waited past pg_ctl's 5 s wait and until the process ended: " + waited + " ms");
    }

    @Test
    void givesUpAfterItsLimitLeavingTheProcessRunning() throws Exception {
        Process stuck = new ProcessBuilder("sleep", "60").start();
        try {
            long from = System.nanoTime();
            assertFalse(EmbeddedPostgresServer.awaitStop(stuck.toHandle(), 1));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - from) < 10_000);
            assertTrue(stuck.isAlive(), "a server still stopping is left to finish, not killed");
        } finally {
            stuck.destroyForcibly().waitFor();
        }
    }

    @Test
    void closeReturnsOnceTheServerProcessIsGoneAndTheDataIsThereOnRestart(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long pid;
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port)) {
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), null);
                    Statement st = c.createStatement()) {
                // Enough dirty pages that the shutdown checkpoint has something to write.
                st.execute("CREATE TABLE t AS SELECT g AS id, md5(g::text) AS v FROM generate_series(1, 200000) g");
            }
            pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0).trim());
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        // Gone, or a zombie: the postmaster's parent is pid 1 (pg_ctl started it), which reaps it when it gets to it.
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true) || EmbeddedPostgresServer.isZombie(pid),
                "the server process is gone");
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "a clean stop removes postmaster.pid");
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(data, port);
                Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.user(), null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertEquals(200_000, rs.getLong(1));
        }
    }
}
