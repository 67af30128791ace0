package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.service.condition.Condition;
import org.osgi.util.tracker.ServiceTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Felix framework with the distribution's bundles. Core bundles must start; extension bundles (connectors,
 * drivers, engines) are started on a worker under a timeout, so one that throws or hangs cannot stop the server, and
 * their folders stay live while it runs ({@link ExtensionFolderWatcher}).
 *
 * <p>Warehouse drivers start with the core (the default workspace's warehouse needs one). Connectors and engines
 * start after the server is ready ({@value #READY_CONDITION}, registered by the core's bootstrap), so that their size
 * (the Snowflake driver alone is 88 MB, unpacked at its first class load) does not delay the health check; the
 * extension catalog holds look-ups of a connector or engine until they have ({@value #EXTENSIONS_CONDITION}).
 */
public final class OsgiFramework {
    /** Condition registered once the metadata store and default warehouse accept connections. */
    static final String DATABASE_CONDITION = "krenalis.database";
    /** Condition the core registers once start-up has completed (the health check answers 200 from then on). */
    static final String READY_CONDITION = "krenalis.ready";
    /** Condition registered once every deferred extension has been started (or has failed to). */
    static final String EXTENSIONS_CONDITION = "krenalis.extensions";
    /** Framework property telling the extension catalog that connectors and engines start late. */
    static final String DEFERRED_PROPERTY = "krenalis.extensions.deferred";
    /** The longest the deferred extensions wait for the core to be ready before they start anyway. */
    static final long READY_WAIT_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(OsgiFramework.class);
    private static final long EXTENSION_START_TIMEOUT_SECONDS = 10;
    /** SPI Fly weaves ServiceLoader calls as classes load, so it must run before any other bundle loads a class. */
    public static final List<String> STARTS_FIRST = List.of("org.apache.aries.spifly.dynamic.bundle", "slf4j.api", "slf4j.simple");

    private final Framework framework;
    private volatile ExtensionFolderWatcher extensionFolders; // set in start, closed in stop
    private volatile Thread deferredStarter; // set in start, interrupted in stop
    private final ExecutorService extensionStarter = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "krenalis-extension-start");
        t.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        t.setDaemon(true);
        return t;
    });

    OsgiFramework(Map<String, String> properties) {
        Hashtable<String, Object> p = new Hashtable<>(properties);
        p.put(DEFERRED_PROPERTY, "true");
        this.framework = new Felix(p);
    }

    /**
     * Initialises the framework, installs the bundles of each feature directory and starts the core's and the
     * warehouse drivers'; the other extensions start on their own thread once the core is ready.
     */
    void start(Path bundlesDir, List<String> coreFeatures, List<String> extensionFeatures) throws BundleException, IOException {
        // Bundles must not see the launcher's class path (its slf4j, PostgreSQL driver, ...) through the thread
        // context class loader: ServiceLoader look-ups inside the framework would find the launcher's classes.
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
        framework.init();
        List<Bundle> core = new ArrayList<>();
        for (String feature : coreFeatures) {
            core.addAll(install(bundlesDir.resolve(feature)));
        }
        List<Path> extensionDirs = extensionFeatures.stream().map(bundlesDir::resolve).toList();
        this.extensionFolders = new ExtensionFolderWatcher(framework.getBundleContext(), extensionDirs, b -> {
            if (!isFragment(b)) {
                startExtension(b);
            }
        });
        List<Bundle> early = new ArrayList<>();
        List<Bundle> deferred = new ArrayList<>();
        for (Path folder : extensionDirs) {
            (folder.getFileName().toString().equals(EARLY_EXTENSIONS) ? early : deferred).addAll(install(folder));
        }
        framework.start();
        // SPI Fly, then the logging provider, start first: slf4j binds to whatever provider exists at the first getLogger call,
        // and would fall back to discarding every message if another bundle logged before it.
        core.sort(java.util.Comparator.comparingInt(b -> STARTS_FIRST.indexOf(b.getSymbolicName()) >= 0
                ? STARTS_FIRST.indexOf(b.getSymbolicName()) : STARTS_FIRST.size()));
        for (Bundle b : core) {
            if (!isFragment(b)) {
                b.start(); // a core bundle that cannot start is fatal
            }
        }
        for (Bundle b : early) {
            if (!isFragment(b)) {
                startExtension(b);
            }
        }
        Thread late = new Thread(() -> startDeferred(deferred), "krenalis-extension-start-deferred");
        late.setDaemon(true);
        late.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        this.deferredStarter = late;
        late.start();
    }

    /** The extension folder whose bundles start with the core: the warehouse drivers. */
    static final String EARLY_EXTENSIONS = "drivers";

    /** Waits until the core is ready (at most {@link #READY_WAIT_SECONDS}), then starts the given extensions. */
    private void startDeferred(List<Bundle> bundles) {
        BundleContext context = framework.getBundleContext();
        ServiceTracker<Condition, Condition> ready;
        try {
            ready = new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + Condition.class.getName()
                    + ")(" + Condition.CONDITION_ID + "=" + READY_CONDITION + "))"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        ready.open();
        try {
            if (ready.waitForService(TimeUnit.SECONDS.toMillis(READY_WAIT_SECONDS)) == null) {
                LOG.warn("The server was not ready within {} s; starting the connectors and engines anyway", READY_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            ready.close();
        }
        long t0 = System.nanoTime();
        for (Bundle b : bundles) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the server is stopping
            }
            if (!isFragment(b) && b.getState() != Bundle.UNINSTALLED) {
                startExtension(b);
            }
        }
        LOG.info("{} connector and engine bundles started in {} ms", bundles.size(), (System.nanoTime() - t0) / 1_000_000);
        if (Thread.currentThread().isInterrupted()) {
            return; // stopping: the folders are not to be watched any more
        }
        try {
            // From now on a jar added to, replaced in or removed from an extension folder is (un)installed at once.
            extensionFolders.start();
        } catch (IOException | RuntimeException e) {
            LOG.error("The extension folders cannot be watched: {}", e.getMessage());
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, EXTENSIONS_CONDITION);
        try {
            context.registerService(Condition.class, Condition.INSTANCE, props);
        } catch (IllegalStateException stopping) {
            // the framework stopped meanwhile
        }
    }

    private List<Bundle> install(Path dir) throws BundleException, IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            // Location is a reference to the file: stable, shows where a bundle came from in GET /v1/connectors, and
            // the framework reads the jar in place rather than copying it into the cache it rebuilds at every start.
            Bundle b = framework.getBundleContext().installBundle(ExtensionFolderWatcher.location(jar));
            bundles.add(b);
            if (extensionFolders != null) {
                extensionFolders.installedAtStartUp(jar);
            }
        }
        return bundles;
    }

    private void startExtension(Bundle b) {
        Future<?> started = extensionStarter.submit(() -> {
            b.start();
            return null;
        });
        try {
            started.get(EXTENSION_START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.error("Extension bundle {} did not start within {} s; it is left starting and reported as failed",
                    b.getSymbolicName(), EXTENSION_START_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping; the bundle's start goes on and the framework stops it
        } catch (Exception e) {
            LOG.error("Extension bundle {} failed to start: {}", b.getSymbolicName(), rootMessage(e));
        }
    }

    /** Registers the condition that database-backed components wait for. */
    ServiceRegistration<Condition> signalDatabaseReady() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Condition.CONDITION_ID, DATABASE_CONDITION);
        return framework.getBundleContext().registerService(Condition.class, Condition.INSTANCE, props);
    }

    /** Stops the HTTP server first (no new requests; in-flight ones drain), then everything else. */
    void stop(long timeoutMillis) throws InterruptedException {
        Thread late = deferredStarter;
        if (late != null) {
            late.interrupt();
            late.join(EXTENSION_START_TIMEOUT_SECONDS * 1000);
        }
        if (extensionFolders != null) {
            extensionFolders.close();
        }
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if ("org.apache.felix.http.jetty12".equals(b.getSymbolicName())) {
                try {
                    b.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException e) {
                    LOG.warn("Stopping the HTTP server: {}", e.getMessage());
                }
            }
        }
        try {
            framework.stop();
        } catch (BundleException e) {
            LOG.warn("Stopping the framework: {}", e.getMessage());
        }
        FrameworkEvent event = framework.waitForStop(timeoutMillis);
        if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
            LOG.warn("The framework did not stop within {} ms", timeoutMillis);
        }
        extensionStarter.shutdownNow();
    }

    /** Blocks until the framework stops (e.g. after a shutdown request from inside). */
    void awaitStop() throws InterruptedException {
        framework.waitForStop(0);
    }

    private static boolean isFragment(Bundle b) {
        return b.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

}
