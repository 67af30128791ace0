package com.krenalis.runtime.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts Krenalis: {@code java -jar krenalis.jar [--config FILE]}.
 *
 * <p>Order: read and validate the configuration (exit 2 when bad); start the embedded PostgreSQL (when no external
 * database is configured) while Felix installs and starts the bundles; when the database answers, register the
 * {@code krenalis.database} condition that the core waits for. SIGTERM stops HTTP first, then the bundles, then
 * PostgreSQL.
 */
public final class Main {
    public static final List<String> CORE_FEATURES = List.of("core");
    public static final List<String> EXTENSION_FEATURES = List.of("drivers", "connectors", "engines");
    static final String METADATA_DATABASE = "krenalis";
    static final String WAREHOUSE_DATABASE = "warehouse";

    private Main() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Path home = Home.directory();
        LauncherConfig config;
        try {
            config = LauncherConfig.load(Home.configFile(home, args, System.getenv()), System.getenv());
        } catch (ConfigException e) {
            System.err.println("krenalis: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logging.configure(config.logLevel());
        Logger log = LoggerFactory.getLogger(Main.class);
        try {
            run(home, config, log, t0);
        } catch (ConfigException e) {
            log.error("Configuration error: {}", e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            log.error("Krenalis could not start: {}", OsgiFramework.rootMessage(e), e);
            System.exit(1);
        }
    }

    private static void run(Path home, LauncherConfig config, Logger log, long t0) throws Exception {
        Files.createDirectories(config.dataDir());
        Files.createDirectories(config.deployDir());
        DataDirectoryLock.acquire(config.dataDir());
        byte[] secretKey = config.secretKey() != null ? config.secretKey() : SecretKeyFile.loadOrCreate(config.dataDir());
        log.info("Starting Krenalis from {} ({})", home, config);

        boolean embedded = config.metadata().embedded() || config.warehouse().embedded();
        CompletableFuture<EmbeddedPostgresServer> postgres = embedded
                ? CompletableFuture.supplyAsync(() -> startPostgres(config))
                : CompletableFuture.completedFuture(null);

        OsgiFramework framework = new OsgiFramework(FrameworkProperties.of(config, secretKey));
        Thread hook = new Thread(() -> shutdown(framework, postgres, config, log), "krenalis-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        framework.start(home.resolve("bundles"), CORE_FEATURES, EXTENSION_FEATURES);

        EmbeddedPostgresServer pg;
        try {
            pg = postgres.join();
        } catch (CompletionException e) {
            throw (Exception) e.getCause();
        }
        if (pg != null) {
            pg.ensureDatabase(METADATA_DATABASE);
            pg.ensureDatabase(WAREHOUSE_DATABASE);
        }
        framework.signalDatabaseReady();
        log.info("Framework and database up in {} ms", (System.nanoTime() - t0) / 1_000_000);
        framework.awaitStop();
    }

    private static EmbeddedPostgresServer startPostgres(LauncherConfig config) {
        try {
            return EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), config.embeddedPort());
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static void shutdown(OsgiFramework framework, CompletableFuture<EmbeddedPostgresServer> postgres,
                                 LauncherConfig config, Logger log) {
        log.info("Shutting down");
        try {
            framework.stop(config.shutdownTimeoutSeconds() * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        EmbeddedPostgresServer pg = postgres.getNow(null);
        if (pg != null) {
            try {
                pg.close();
            } catch (Exception e) {
                log.warn("Stopping PostgreSQL: {}", e.getMessage());
            }
        }
        log.info("Stopped");
    }
}
