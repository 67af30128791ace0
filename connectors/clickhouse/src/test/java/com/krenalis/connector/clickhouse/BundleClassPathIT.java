package com.krenalis.connector.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ReadRequest;
import com.krenalis.api.connector.RecordSource;
import com.krenalis.conformance.RecordingSink;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle (integration-test runs after package), loaded as the framework would: its own classes and the
 * jars its Bundle-ClassPath names, with only the JDK and the Krenalis API besides. It must import only the API for
 * sure, export nothing, and hold everything the client needs to check a server and read from it.
 */
class BundleClassPathIT {

    private static Path bundle() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("krenalis-connector-clickhouse-.*\\.jar"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void theManifestImportsOnlyTheApiForSureAndExportsNothing() throws Exception {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertNull(main.getValue("Export-Package"));
            for (String entry : main.getValue("Import-Package").split(",(?=[a-z])")) {
                assertTrue(entry.startsWith("com.krenalis.api.") || entry.startsWith("java.")
                        || entry.startsWith("javax.") || entry.contains("resolution:=optional"), entry);
            }
        }
    }

    @Test
    void theEmbeddedClientChecksAndReads(@TempDir Path dir) throws Exception {
        List<URL> urls = new ArrayList<>(List.of(bundle().toUri().toURL()));
        try (JarFile jar = new JarFile(bundle().toFile())) {
            for (String entry : jar.getManifest().getMainAttributes().getValue("Bundle-ClassPath").split(",")) {
                if (!entry.equals(".")) {
                    Path target = dir.resolve(Path.of(entry).getFileName());
                    try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                        Files.copy(in, target);
                    }
                    urls.add(target.toUri().toURL());
                }
            }
        }
        byte[] one = new FakeClickHouse.Result(List.of("id"), List.of("String")).string("u1").bytes();
        try (URLClassLoader bundle = new URLClassLoader(urls.toArray(URL[]::new), new ApiOnly());
             FakeClickHouse ch = new FakeClickHouse(req -> FakeClickHouse.Answer.ok(one))) {
            Connector connector = (Connector) bundle.loadClass(ClickHouseConnector.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertNotSame(ClickHouseConnector.class, connector.getClass(), "loaded from the bundle, not the test");
            var settings = connector.spec().settings().validate(Map.of("host", "127.0.0.1", "port", (long) ch.port()));
            CheckResult check = connector.check(settings, Duration.ofSeconds(5));
            assertTrue(check.ok(), check.message());
            var pipeline = connector.spec().pipelineSettings().validate(Map.of("query", "SELECT 'u1' AS id",
                    "identityColumn", "id"));
            RecordingSink sink = new RecordingSink();
            ((RecordSource) connector).read(new ReadRequest(settings, pipeline, null), sink);
            assertEquals("u1", sink.records().get(0).id());
        }
    }

    /** The JDK, and the Krenalis API shared with the test (as the framework wires the API bundle); nothing else. */
    private static final class ApiOnly extends ClassLoader {
        ApiOnly() {
            super(ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith("com.krenalis.api.")) {
                return BundleClassPathIT.class.getClassLoader().loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
