package com.krenalis.runtime.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL: a real PostgreSQL server run from binaries shipped on the class path, with its data in a
 * persistent directory. Listens on the loopback interface only.
 *
 * <p>If a previous server process was killed (kill -9 of the JVM leaves PostgreSQL running), the orphan is found by its
 * {@code postmaster.pid} and stopped before the new one starts; PostgreSQL then recovers from its WAL.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";

    /**
     * How long {@link #close()} waits for PostgreSQL to finish its shutdown checkpoint. pg_ctl gives up after 5 s,
     * while after a heavy load (gigabytes of dirty shared buffers) the checkpoint takes longer.
     */
    static final int STOP_WAIT_SECONDS = 120;

    private final EmbeddedPostgres postgres;
    private final Path dataDir;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
        this.postgres = postgres;
        this.dataDir = dataDir;
    }

    /** Starts PostgreSQL on {@code dataDir}, creating the cluster the first time. */
    public static EmbeddedPostgresServer start(Path dataDir, int port) throws IOException {
        Files.createDirectories(dataDir);
        stopOrphan(dataDir);
        requireFreePort(port);
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", megabytes(sharedBuffers(physicalMemory())))
                // Per session, taken only as a session's temporary tables grow (identity resolution's work tables).
                .setServerConfig("temp_buffers", megabytes(tempBuffers(physicalMemory())))
                // Large writes (identity resolution's first KPIDs for every identity, a first import) must not
                // checkpoint every few seconds: each checkpoint makes the next change of every page log the whole
                // page again. A 10 M-identity publish wrote 27 GB of WAL, mostly such page images, at 2 GB.
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("checkpoint_timeout", "15min")
                // No replication or WAL archiving from the embedded server (an external PostgreSQL is the choice for
                // those): with wal_level minimal PostgreSQL drops each WAL segment from the kernel's page cache once
                // written, instead of keeping gigabytes of it that the kernel must then reclaim page by page while
                // ingestion runs (bench/ingest: the rate halved once the page cache had filled the free memory).
                .setServerConfig("wal_level", "minimal")
                .setServerConfig("max_wal_senders", "0")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new EmbeddedPostgresServer(pg, dataDir);
    }

    /**
     * A quarter of the memory, the usual rule for a database server, between 128 MB and 4 GB. Shared memory is taken
     * from the system only as pages are used. With 256 MB, identity resolution of 10 M identities read most index
     * pages from the kernel again for every KPID it wrote (the key's index alone is about 700 MB).
     */
    static long sharedBuffers(long physical) {
        return Math.max(128L << 20, Math.min(4L << 30, physical / 4));
    }

    /** A sixteenth of the memory, between 8 MB (PostgreSQL's default) and 1 GB. */
    static long tempBuffers(long physical) {
        return Math.max(8L << 20, Math.min(1L << 30, physical / 16));
    }

    /** The machine's memory, or the container's limit (the JDK reads cgroups); 2 GB when it cannot be told. */
    static long physicalMemory() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return 2L << 30;
        }
    }

    private static String megabytes(long bytes) {
        return (bytes >> 20) + "MB";
    }

    public int port() {
        return postgres.getPort();
    }

    public String user() {
        return USER;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    public void ensureDatabase(String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("invalid database name " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, null)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE \"" + name + "\"");
            }
        }
    }

    /**
     * Fast shutdown: open sessions are ended, committed data is safe. Returns once the server process is gone (at most
     * {@link #STOP_WAIT_SECONDS}), so that a restart, a backup of the data directory or the machine's shutdown does not
     * meet a server still writing its shutdown checkpoint.
     */
    @Override
    public void close() throws IOException {
        Optional<ProcessHandle> server;
        try {
            server = postmaster(dataDir);
        } catch (IOException e) {
            server = Optional.empty(); // stop all the same, without waiting for the process
        }
        postgres.close(); // pg_ctl stop -m fast, waiting 5 s
        server.ifPresent(p -> awaitStop(p, STOP_WAIT_SECONDS));
    }

    /**
     * Waits for a stopping server process to be gone, saying so after the first 5 s; leaves it running after
     * {@code seconds} (it finishes by itself, and the next start stops it if it has not: {@link #stopOrphan}).
     */
    static boolean awaitStop(ProcessHandle server, int seconds) {
        if (awaitExit(server, Math.min(5, seconds))) {
            return true;
        }
        LOG.info("The embedded PostgreSQL (pid {}) is still writing its shutdown checkpoint; waiting up to {} s",
                server.pid(), seconds);
        long from = System.nanoTime();
        if (awaitExit(server, Math.max(0, seconds - 5))) {
            LOG.info("The embedded PostgreSQL stopped after {} s more",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - from));
            return true;
        }
        LOG.warn("The embedded PostgreSQL (pid {}) did not stop in {} s; leaving it to finish (committed data is safe)",
                server.pid(), seconds);
        return false;
    }

    /** The running PostgreSQL server process of {@code dataDir}, by its {@code postmaster.pid}. */
    private static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream().findFirst()
                .map(String::trim).filter(s -> s.matches("\\d+")).flatMap(s -> ProcessHandle.of(Long.parseLong(s)))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    private static void requireFreePort(int port) throws IOException {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
        } catch (IOException e) {
            throw new IOException("port " + port + " of the embedded PostgreSQL is in use by another program: set "
                    + Setting.EMBEDDED_PORT.display() + " to a free port", e);
        }
    }

    private static void stopOrphan(Path dataDir) throws IOException {
        Optional<ProcessHandle> orphan = postmaster(dataDir);
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL removes it itself on start
        }
        ProcessHandle p = orphan.get();
        LOG.warn("An embedded PostgreSQL (pid {}) from a previous run is still running on {}; stopping it", p.pid(), dataDir);
        p.destroy(); // SIGTERM: smart shutdown; the sessions of the dead JVM are gone already
        if (!awaitExit(p, 30)) {
            LOG.warn("PostgreSQL pid {} did not stop in 30 s; killing it (it will recover from its WAL)", p.pid());
            p.destroyForcibly();
            if (!awaitExit(p, 10)) {
                throw new IOException("cannot stop the PostgreSQL (pid " + p.pid() + ") left running on " + dataDir
                        + " by a previous run: stop it by hand");
            }
        }
    }

    /**
     * Waits until the process is gone or a zombie: a stopped process whose parent (here, after our JVM died, pid 1)
     * has not reaped it yet counts as alive for {@link ProcessHandle#isAlive()}, and in some containers pid 1 never
     * reaps.
     */
    private static boolean awaitExit(ProcessHandle p, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive() || isZombie(p.pid())) {
                return true;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }
}
