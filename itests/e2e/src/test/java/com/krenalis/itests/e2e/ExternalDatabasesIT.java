package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * An external PostgreSQL for the metadata store and another database as the default warehouse, each one setting:
 * the server then starts no embedded PostgreSQL at all, and its data lands where configured.
 */
@ExtendWith(ServerLogs.class)
class ExternalDatabasesIT {
    private static final String KEY = "external-db-test-admin-key-0123456789";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    private static long count(String url, String sql) throws Exception {
        try (Connection c = TestPostgres.connect(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void metadataAndWarehouseGoWhereConfigured() throws Exception {
        String metadata = TestPostgres.newDatabase("ext_metadata");
        String warehouse = TestPostgres.newDatabase("ext_warehouse");
        ServerSetup setup = ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", KEY)
                .with("KRENALIS_METADATA_URL", metadata).with("KRENALIS_METADATA_USER", TestPostgres.user())
                .with("KRENALIS_WAREHOUSE_URL", warehouse).with("KRENALIS_WAREHOUSE_USER", TestPostgres.user());
        try (ServerProcess server = ServerProcess.start("external-databases", setup)) {
            server.waitHealthy(SharedServer.START_TIMEOUT);
            long created = server.api(KEY).post("/v1/workspaces", java.util.Map.of("name", "Second")).expect(201).id();

            assertEquals(2, count(metadata, "SELECT count(*) FROM workspaces"), "workspaces are in the external metadata store");
            assertEquals(1, count(metadata, "SELECT count(*) FROM api_keys"));
            assertEquals(1, count(warehouse, "SELECT count(*) FROM pg_namespace WHERE nspname = 'workspace_1'"));
            assertEquals(1, count(warehouse, "SELECT count(*) FROM pg_namespace WHERE nspname = 'workspace_" + created + "'"));
            assertFalse(Files.exists(setup.dataDir().resolve("postgres")), "no embedded PostgreSQL was started");
            assertTrue(server.log().contains("metadata=" + metadata), server.logForHumans());
        }
    }
}
