package com.krenalis.runtime.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    static final List<String> CORE_FEATURES = List.of("core");
    static final List<String> EXTENSION_FEATURES = List.of("drivers", "connectors", "engines");
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

    /** What the launcher hands to the bundles, as framework properties. */
    static final class FrameworkProperties {
        private FrameworkProperties() {
        }

        static Map<String, String> of(LauncherConfig c, byte[] secretKey) {
            Map<String, String> p = new HashMap<>();
            p.put("org.osgi.framework.storage", c.dataDir().resolve("felix-cache").toString());
            // The installed set is always the distribution plus deploy/: rebuild the cache on every start.
            p.put("org.osgi.framework.storage.clean", "onFirstInit");
            p.put("org.osgi.framework.bootdelegation", "sun.*,com.sun.*,jdk.internal.*");
            p.put("felix.log.level", "1");
            // Only the JDK is visible to bundles, never the launcher's class path.
            p.put("felix.bootdelegation.implicit", "false");
            // Hot deployment: the deploy/ folder is polled twice a second.
            p.put("felix.fileinstall.dir", c.deployDir().toString());
            p.put("felix.fileinstall.poll", "500");
            p.put("felix.fileinstall.noInitialDelay", "true");
            p.put("felix.fileinstall.bundles.new.start", "true");
            p.put("felix.fileinstall.filter", ".*\\.jar");
            p.put("felix.fileinstall.enableConfigSave", "false");
            p.put("felix.fileinstall.log.level", "2");
            p.put("felix.fileinstall.tmpdir", c.dataDir().resolve("tmp").toString());
            // HTTP
            p.put("org.osgi.service.http.port", Integer.toString(c.httpPort()));
            p.put("org.apache.felix.http.host", c.httpHost());
            p.put("org.apache.felix.http.jetty.sendServerHeader", "false");
            p.put("org.apache.felix.jetty.stopTimeout", Long.toString(c.shutdownTimeoutSeconds() * 1000L));
            // For the core (read by its configuration seeder)
            String embeddedUser = "postgres";
            putDatabase(p, "krenalis.metadata", c.metadata(), c, METADATA_DATABASE, embeddedUser);
            putDatabase(p, "krenalis.warehouse", c.warehouse(), c, WAREHOUSE_DATABASE, embeddedUser);
            p.put("krenalis.secret.key", Base64.getEncoder().encodeToString(secretKey));
            if (c.adminKey() != null) {
                p.put("krenalis.admin.key", c.adminKey());
            }
            String host = c.httpHost().equals("0.0.0.0") || c.httpHost().equals("::") ? "localhost" : c.httpHost();
            p.put("krenalis.public.url", "http://" + host + ":" + c.httpPort());
            p.put("krenalis.data.dir", c.dataDir().toString());
            return p;
        }

        private static void putDatabase(Map<String, String> p, String prefix, LauncherConfig.Database db,
                                        LauncherConfig c, String embeddedDatabase, String embeddedUser) {
            if (db.embedded()) {
                p.put(prefix + ".url", "jdbc:postgresql://127.0.0.1:" + c.embeddedPort() + "/" + embeddedDatabase);
                p.put(prefix + ".user", embeddedUser);
            } else {
                p.put(prefix + ".url", db.url());
                p.put(prefix + ".user", db.user());
                if (db.password() != null) {
                    p.put(prefix + ".password", db.password());
                }
            }
        }
    }
}
