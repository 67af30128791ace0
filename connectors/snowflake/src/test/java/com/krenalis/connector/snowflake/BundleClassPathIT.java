package com.krenalis.connector.snowflake;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged bundle (integration-test runs after package): its manifest imports only the API for sure and exports
 * nothing, and the driver loads from the jars its Bundle-ClassPath names, with nothing else but the JDK.
 */
class BundleClassPathIT {

    private static Path bundle() throws Exception {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("krenalis-connector-snowflake-.*\\.jar"))
                    .findFirst().orElseThrow();
        }
    }

    @Test
    void theManifestImportsOnlyTheApiForSureAndExportsNothing() throws Exception {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            assertNull(main.getValue("Export-Package"));
            for (String entry : main.getValue("Import-Package").split(",(?=[a-z])")) {
                assertTrue(entry.startsWith("com.krenalis.api.") || entry.contains("resolution:=optional"), entry);
            }
        }
    }

    @Test
    void theSharedDatabaseSourceAndJacksonCoreAreCopiedInAndNothingMoreOfJackson() throws Exception {
        try (JarFile jar = new JarFile(bundle().toFile())) {
            for (String copied : List.of("com/krenalis/connector/jdbc/DatabaseSource.class",
                    "com/krenalis/connector/database/ReadCursor.class", "com/fasterxml/jackson/core/JsonFactory.class")) {
                assertTrue(jar.getEntry(copied) != null, copied);
            }
            assertNull(jar.getEntry("lib/jackson-databind.jar"));
        }
    }

    @Test
    void theDriverLoadsFromTheBundleClassPath(@TempDir Path dir) throws Exception {
        List<URL> urls = new ArrayList<>();
        try (JarFile jar = new JarFile(bundle().toFile())) {
            for (String entry : jar.getManifest().getMainAttributes().getValue("Bundle-ClassPath").split(",")) {
                if (entry.equals(".")) {
                    continue;
                }
                Path target = dir.resolve(Path.of(entry).getFileName());
                try (InputStream in = jar.getInputStream(jar.getEntry(entry))) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                urls.add(target.toUri().toURL());
            }
        }
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Driver driver = (Driver) loader.loadClass("net.snowflake.client.jdbc.SnowflakeDriver")
                    .getDeclaredConstructor().newInstance();
            assertTrue(driver.acceptsURL("jdbc:snowflake://xy12345.eu-central-1.snowflakecomputing.com/"));
        }
    }
}
