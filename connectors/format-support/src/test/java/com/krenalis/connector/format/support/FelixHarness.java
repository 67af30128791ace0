package com.krenalis.connector.format.support;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix with Declarative Services, for a format bundle's integration test: the Krenalis API packages come from
 * the test's class path (exported by the system bundle), so the test talks to the connector service with the API types
 * it compiles against; SCR and its OSGi dependencies are installed from the jars on the class path. The connector
 * bundle is then installed as the server would, alone, from its packaged jar.
 */
public final class FelixHarness implements AutoCloseable {
    private static final String API_PACKAGES = "com.krenalis.api.connector;version=1.1.0,"
            + "com.krenalis.api.settings;version=1.1.0,com.krenalis.api.types;version=1.1.0";
    private static final List<String> RUNTIME = List.of("org.osgi.util.function", "org.osgi.util.promise",
            "org.osgi.service.component-", "org.apache.felix.scr");

    private final Framework framework;
    private final Path storage;

    public FelixHarness() throws Exception {
        storage = Files.createTempDirectory("felix-");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API_PACKAGES);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.start();
        List<Bundle> bundles = new ArrayList<>();
        for (String name : RUNTIME) {
            bundles.add(framework.getBundleContext().installBundle(classPathJar(name).toUri().toString()));
        }
        for (Bundle b : bundles) {
            b.start();
        }
    }

    /** The jar on the test class path whose file name starts with the prefix. */
    private static Path classPathJar(String prefix) {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(Path::of)
                .filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException(prefix + "*.jar is not on the test class path"));
    }

    /** Installs and starts a bundle; the start fails with the resolver's reason when an import is missing. */
    public Bundle install(Path jar) throws Exception {
        Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString());
        bundle.start();
        return bundle;
    }

    /** The service of a type, waiting up to 10 s for SCR to register it. */
    public <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        for (int i = 0; i < 100; i++) {
            ServiceReference<T> ref = context.getServiceReference(type);
            if (ref != null) {
                return context.getService(ref);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + type.getName() + " service after 10 s");
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
