package com.krenalis.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LauncherConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsNeedNothing() throws Exception {
        LauncherConfig c = LauncherConfig.load(null, Map.of());
        assertEquals(8080, c.httpPort());
        assertEquals("0.0.0.0", c.httpHost());
        assertTrue(c.metadata().embedded() && c.warehouse().embedded());
        assertEquals(54329, c.embeddedPort());
        assertNull(c.adminKey());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), c.dataDir());
    }

    @Test
    void theEnvironmentOverridesTheFileWhichOverridesDefaults() throws Exception {
        Path file = dir.resolve("k.properties");
        Files.writeString(file, "http.port=9000\nlog.level=debug\nwarehouse.url=jdbc:postgresql://db:5432/w\nwarehouse.user=me\n");
        LauncherConfig c = LauncherConfig.load(file, Map.of("KRENALIS_HTTP_PORT", "9100", "KRENALIS_WAREHOUSE_PASSWORD", "pw"));
        assertEquals(9100, c.httpPort());
        assertEquals("debug", c.logLevel());
        assertEquals("jdbc:postgresql://db:5432/w", c.warehouse().url());
        assertEquals("pw", c.warehouse().password());
        assertTrue(c.metadata().embedded());
        assertTrue(!c.toString().contains("pw"), "toString hides passwords: " + c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "KRENALIS_HTTP_PORT|abc|KRENALIS_HTTP_PORT (http.port)",
            "KRENALIS_HTTP_PORT|70000|KRENALIS_HTTP_PORT (http.port)",
            "KRENALIS_EMBEDDED_PORT|0|KRENALIS_EMBEDDED_PORT (embedded.port)",
            "KRENALIS_ADMIN_KEY|short|KRENALIS_ADMIN_KEY (admin.key)",
            "KRENALIS_SECRET_KEY|bm90LTMyLWJ5dGVz|KRENALIS_SECRET_KEY (secret.key)",
            "KRENALIS_METADATA_URL|mysql://x/y|KRENALIS_METADATA_URL (metadata.url)",
            "KRENALIS_METADATA_USER|bob|KRENALIS_METADATA_USER (metadata.user)",
            "KRENALIS_LOG_LEVEL|loud|KRENALIS_LOG_LEVEL (log.level)",
            "KRENALIS_HTTP_HOST|a host|KRENALIS_HTTP_HOST (http.host)",
            "KRENALIS_DATA_DIR|''|KRENALIS_DATA_DIR (data.dir)",
            "KRENALIS_SHUTDOWN_TIMEOUT_SECONDS|-1|KRENALIS_SHUTDOWN_TIMEOUT_SECONDS (shutdown.timeout.seconds)"})
    void aBadValueIsRefusedNamingTheSetting(String env, String value, String named) {
        ConfigException e = assertThrows(ConfigException.class, () -> LauncherConfig.load(null, Map.of(env, value)));
        assertTrue(e.getMessage().startsWith(named), e.getMessage());
    }

    @Test
    void anExternalDatabaseNeedsAUser() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LauncherConfig.load(null, Map.of("KRENALIS_METADATA_URL", "jdbc:postgresql://db/k")));
        assertTrue(e.getMessage().startsWith("KRENALIS_METADATA_USER (metadata.user) is required"), e.getMessage());
    }

    @Test
    void anUnknownKeyInTheFileIsAnError() throws Exception {
        Path file = dir.resolve("k.properties");
        Files.writeString(file, "http.prot=9000\n");
        ConfigException e = assertThrows(ConfigException.class, () -> LauncherConfig.load(file, Map.of()));
        assertTrue(e.getMessage().contains("http.prot"), e.getMessage());
    }

    @Test
    void aGoodSecretKeyIsDecoded() throws Exception {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        assertEquals(32, LauncherConfig.load(null, Map.of("KRENALIS_SECRET_KEY", key)).secretKey().length);
    }

    @Test
    void theSecretKeyFileIsCreatedOnceAndPrivate() throws Exception {
        byte[] first = SecretKeyFile.loadOrCreate(dir);
        byte[] again = SecretKeyFile.loadOrCreate(dir);
        assertEquals(Base64.getEncoder().encodeToString(first), Base64.getEncoder().encodeToString(again));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("secret.key"))));
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
        DataDirectoryLock.acquire(dir);
        // The lock is per process; a second acquisition within the same JVM fails like another process would.
        ConfigException e = assertThrows(ConfigException.class, () -> DataDirectoryLock.acquire(dir));
        assertTrue(e.getMessage().contains("another Krenalis server is running"), e.getMessage());
    }
}
