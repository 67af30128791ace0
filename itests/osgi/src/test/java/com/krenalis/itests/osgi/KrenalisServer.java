package com.krenalis.itests.osgi;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.workingDirectory;

import com.krenalis.runtime.launcher.ConfigException;
import com.krenalis.runtime.launcher.FrameworkProperties;
import com.krenalis.runtime.launcher.LauncherConfig;
import com.krenalis.runtime.launcher.Main;
import com.krenalis.runtime.launcher.OsgiFramework;
import com.krenalis.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Constants;
import org.ops4j.pax.exam.Option;

/**
 * The Pax Exam configuration of a Krenalis server, built in the test JVM before the framework exists: the bundles of
 * the real distribution, the framework properties the launcher passes (computed by the launcher's own
 * {@link FrameworkProperties}), and two fresh databases on the test JVM's embedded
 * PostgreSQL. {@link KrenalisContainerFactory} then starts the framework the way the launcher does.
 *
 * <p>Inside the framework, tests read what they need from framework properties: {@link #HTTP_PORT},
 * {@link #ADMIN_KEY_PROPERTY}, {@link #DEPLOY_DIR} and {@link #FIXTURES_DIR}.
 */
final class KrenalisServer {
    /** The admin API key the server is started with (at least 24 characters, like any admin key). */
    static final String ADMIN_KEY = "krenalis-osgi-itest-admin-key-0001";
    static final String ADMIN_KEY_PROPERTY = "krenalis.admin.key";
    static final String HTTP_PORT = "org.osgi.service.http.port";
    static final String DEPLOY_DIR = "felix.fileinstall.dir";
    static final String FIXTURES_DIR = "krenalis.itest.fixtures.dir";

    /** The distribution's feature folders, in the launcher's order. */
    private static final List<String> FEATURES = Stream.concat(Main.CORE_FEATURES.stream(),
            Main.EXTENSION_FEATURES.stream()).toList();
    /**
     * Started before everything else and in this order, as runtime/launcher OsgiFramework.STARTS_FIRST: SPI Fly must
     * weave slf4j's LoggerFactory when it is loaded, and slf4j binds to whatever provider exists at the first
     * getLogger call; otherwise every log message is discarded ({@code DistributionIT} checks that they are not).
     */
    private static final List<String> STARTS_FIRST = OsgiFramework.STARTS_FIRST;

    private KrenalisServer() {
    }

    static Option[] options() {
        Path bundles = directory("krenalis.itest.bundles.dir");
        Path paxBundles = directory("krenalis.itest.pax.bundles.dir");
        Path fixtures = directory(FIXTURES_DIR);
        Path dataDir = createDataDirectory();

        List<Option> options = new ArrayList<>();
        options.add(workingDirectory(dataDir.resolve("pax-exam").toString()));
        // Run the tests through JUnit inside the framework (so @Before and friends apply), with the invoker bundle
        // provisioned below; CoreOptions.junitBundles() would do the same from URLs.
        options.add(systemProperty("pax.exam.invoker").value("junit"));
        for (Map.Entry<String, String> p : frameworkProperties(dataDir, fixtures).entrySet()) {
            options.add(frameworkProperty(p.getKey()).value(p.getValue()));
        }
        List<Path> distribution = new ArrayList<>();
        for (String feature : FEATURES) {
            distribution.addAll(jars(bundles.resolve(feature)));
        }
        if (distribution.isEmpty()) {
            throw new IllegalStateException("no bundles under " + bundles + ": build runtime/distribution first");
        }
        // Start level 1: SPI Fly and logging; 2: Pax Exam's bundles; 3: the rest of the distribution; 5 (Pax Exam's):
        // the test probe. Within a start level, bundles start in the order they are installed.
        for (String first : STARTS_FIRST) {
            distribution.stream().filter(jar -> first.equals(header(jar, "Bundle-SymbolicName")))
                    .forEach(jar -> options.add(provision(jar, 1)));
        }
        for (Path jar : jars(paxBundles)) {
            options.add(provision(jar, Constants.START_LEVEL_SYSTEM_BUNDLES));
        }
        for (Path jar : distribution) {
            if (!STARTS_FIRST.contains(header(jar, "Bundle-SymbolicName"))) {
                options.add(provision(jar, Constants.START_LEVEL_DEFAULT_PROVISION));
            }
        }
        return options.toArray(Option[]::new);
    }

    /**
     * The launcher's own framework properties ({@link FrameworkProperties}), computed from a launcher configuration
     * with a free HTTP port, a fresh deploy folder and the two test databases as "external" databases. Pax Exam owns
     * the framework storage, so the storage properties are left to it.
     */
    private static Map<String, String> frameworkProperties(Path dataDir, Path fixtures) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRENALIS_HTTP_HOST", "127.0.0.1");
        env.put("KRENALIS_HTTP_PORT", Integer.toString(TestPostgres.freePort()));
        env.put("KRENALIS_DATA_DIR", dataDir.toString());
        env.put("KRENALIS_DEPLOY_DIR", createDirectory(dataDir.resolve("deploy")).toString());
        env.put("KRENALIS_ADMIN_KEY", ADMIN_KEY);
        env.put("KRENALIS_METADATA_URL", TestPostgres.newDatabase("metadata"));
        env.put("KRENALIS_METADATA_USER", TestPostgres.user());
        env.put("KRENALIS_WAREHOUSE_URL", TestPostgres.newDatabase("warehouse"));
        env.put("KRENALIS_WAREHOUSE_USER", TestPostgres.user());
        env.put("KRENALIS_SHUTDOWN_TIMEOUT_SECONDS", "5");
        byte[] secretKey = new byte[32];
        new SecureRandom().nextBytes(secretKey);
        Map<String, String> p;
        try {
            p = new LinkedHashMap<>(FrameworkProperties.of(LauncherConfig.load(null, env), secretKey));
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
        p.remove("org.osgi.framework.storage");
        p.remove("org.osgi.framework.storage.clean");
        createDirectory(Path.of(p.get("felix.fileinstall.tmpdir")));
        p.put(FIXTURES_DIR, fixtures.toString());
        return p;
    }

    private static Path directory(String systemProperty) {
        String value = System.getProperty(systemProperty);
        if (value == null) {
            throw new IllegalStateException("system property " + systemProperty + " is not set: run these tests with Maven");
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(systemProperty + ": no directory " + dir);
        }
        return dir;
    }

    /** A new directory per framework under target/, so that runs and test classes never share state. */
    private static Path createDataDirectory() {
        try {
            Path target = Files.createDirectories(Path.of("target", "krenalis-osgi").toAbsolutePath());
            return Files.createTempDirectory(target, "server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createDirectory(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jars of a folder, sorted by name as the launcher installs them; none if the folder does not exist. */
    private static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Installs the jar from its file; started at the start level, unless it is a fragment (which cannot start). */
    private static Option provision(Path jar, int startLevel) {
        return bundle(jar.toUri().toString()).startLevel(startLevel).start(header(jar, "Fragment-Host").isEmpty());
    }

    /** A main manifest header without its attributes and directives; empty when absent. */
    private static String header(Path jar, String name) {
        try (JarFile f = new JarFile(jar.toFile())) {
            String value = f.getManifest() == null ? null : f.getManifest().getMainAttributes().getValue(name);
            return value == null ? "" : value.split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
