package com.krenalis.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/** The extension folders stay live: a real Felix, bundle jars written by the test. */
class ExtensionFolderWatcherTest {
    @TempDir
    Path dir;
    private Felix felix;
    private ExtensionFolderWatcher watcher;

    @BeforeEach
    void startFramework() throws Exception {
        felix = new Felix(Map.of("org.osgi.framework.storage", dir.resolve("cache").toString(),
                "org.osgi.framework.storage.clean", "onFirstInit"));
        felix.start();
        Files.createDirectories(dir.resolve("engines"));
        watcher = new ExtensionFolderWatcher(felix.getBundleContext(), List.of(dir.resolve("engines")), b -> {
            try {
                b.start();
            } catch (BundleException e) {
                throw new AssertionError(e);
            }
        });
    }

    @AfterEach
    void stopFramework() throws Exception {
        watcher.close();
        felix.stop();
        felix.waitForStop(10_000);
    }

    @Test
    void aJarAddedReplacedAndRemovedIsInstalledUpdatedAndUninstalled() throws Exception {
        Path installedAtStart = bundleJar(dir.resolve("engines/started.jar"), "fixture.started", "1.0.0");
        Bundle started;
        try (var in = Files.newInputStream(installedAtStart)) {
            started = felix.getBundleContext().installBundle(ExtensionFolderWatcher.location(installedAtStart), in);
        }
        watcher.installedAtStartUp(installedAtStart);
        watcher.start();

        Path jar = dir.resolve("engines/engine.jar");
        Path part = bundleJar(dir.resolve("engine.jar.part"), "fixture.engine", "1.0.0");
        Files.move(part, jar, StandardCopyOption.ATOMIC_MOVE);
        Bundle b = await("installed and active", () -> active("fixture.engine", "1.0.0"));
        long id = b.getBundleId();

        part = bundleJar(dir.resolve("engine.jar.part"), "fixture.engine", "2.0.0");
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Files.move(part, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals(id, await("updated in place", () -> active("fixture.engine", "2.0.0")).getBundleId());

        Files.delete(jar);
        await("uninstalled", () -> felix.getBundleContext().getBundle(id) == null ? felix : null);

        Files.delete(installedAtStart);
        await("the start-up's bundle uninstalled", () -> started.getState() == Bundle.UNINSTALLED ? started : null);
    }

    private Bundle active(String symbolicName, String version) {
        for (Bundle b : felix.getBundleContext().getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && version.equals(b.getVersion().toString())
                    && b.getState() == Bundle.ACTIVE) {
                return b;
            }
        }
        return null;
    }

    private static <T> T await(String what, Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            T t = probe.get();
            if (t != null) {
                return t;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(what + ": not within 10 s");
    }

    private static Path bundleJar(Path file, String symbolicName, String version) throws Exception {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", version);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, m)) {
            jar.flush();
        }
        assertNotNull(file);
        assertTrue(Files.size(file) > 0);
        return file;
    }
}
