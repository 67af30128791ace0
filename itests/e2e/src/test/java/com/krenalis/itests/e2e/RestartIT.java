package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops the server cleanly, PostgreSQL included, and the next start on the same data dir has everything. */
@ExtendWith(ServerLogs.class)
class RestartIT {
    /** Nothing is in flight, so a clean stop takes about a second; the configured grace period is 30 s. */
    static final Duration PROMPT_EXIT = Duration.ofSeconds(10);
    /** How the JVM reports an exit on SIGTERM (128 + 15); 0 would also be a clean exit. */
    static final List<Integer> CLEAN_EXIT_CODES = List.of(143, 0);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void sigtermStopsCleanlyAndRestartKeepsEverything() throws Exception {
        ServerSetup setup = ServerSetup.fresh(root);
        String adminKey;
        long workspace;
        long external;
        String scopedToken;
        JsonNode workspacesBefore;
        List<Map<String, String>> keysBefore;
        try (ServerProcess first = ServerProcess.start("restart-1", setup)) {
            first.waitHealthy(SharedServer.START_TIMEOUT);
            adminKey = first.generatedAdminKey()
                    .orElseThrow(() -> new AssertionError("no generated key\n" + first.logForHumans()));
            AdminApi admin = first.api(adminKey);
            workspace = admin.post("/v1/workspaces", Map.of("name", "Kept")).expect(201).id();
            external = admin.post("/v1/workspaces", Map.of("name", "Kept external", "warehouse", Map.of("driver", "postgresql",
                    "settings", Map.of("host", "127.0.0.1", "port", setup.embeddedPort(), "database", "warehouse",
                            "user", "postgres", "password", "restart-secret", "schema", "kept_external")))).expect(201).id();
            scopedToken = admin.post("/v1/api-keys", Map.of("name", "Kept scoped", "workspaceId", workspace))
                    .expect(201).json().path("token").asText();
            workspacesBefore = admin.get("/v1/workspaces").expect(200).json();
            keysBefore = keys(admin);
            long postgresPid = first.postmasterPid()
                    .orElseThrow(() -> new AssertionError("no postmaster.pid while running"));

            long t0 = System.nanoTime();
            int exitCode = first.stop(PROMPT_EXIT);
            Duration stopTime = Duration.ofNanos(System.nanoTime() - t0);
            System.out.println("SIGTERM to exit: " + stopTime.toMillis() + " ms");
            assertTrue(CLEAN_EXIT_CODES.contains(exitCode), () -> "exit code " + exitCode + "\n" + first.logForHumans());
            String log = first.log();
            int shuttingDown = log.indexOf("Shutting down");
            assertTrue(shuttingDown >= 0 && log.indexOf("Stopped", shuttingDown) > shuttingDown,
                    () -> "the log does not say Shutting down ... Stopped\n" + first.logForHumans());
            assertFalse(PostgresProcess.running(postgresPid),
                    "the embedded PostgreSQL (pid " + postgresPid + ") still runs after the server stopped");
            assertFalse(Files.exists(setup.postmasterPid()), "postmaster.pid is left: PostgreSQL did not shut down cleanly");
        }

        try (ServerProcess second = ServerProcess.start("restart-2", setup)) {
            second.waitHealthy(SharedServer.START_TIMEOUT);
            AdminApi admin = second.api(adminKey);
            extensionsAnswerRightAfterHealth(second, admin);
            assertEquals(workspacesBefore, admin.get("/v1/workspaces").expect(200).json());
            assertEquals(keysBefore, keys(admin));
            assertEquals("Kept", admin.withKey(scopedToken).get("/v1/workspaces/" + workspace).expect(200).json()
                    .path("name").asText());
            JsonNode settings = admin.get("/v1/workspaces/" + external).expect(200).json().path("warehouse").path("settings");
            assertEquals("********", settings.path("password").asText(), settings::toString);
            assertTrue(second.generatedAdminKey().isEmpty(), () -> "a second start printed a new key\n" + second.logForHumans());
            // The warehouse of the explicit workspace opens again (its password is decrypted with the kept secret key).
            admin.put("/v1/workspaces/" + external, Map.of("name", "Kept external", "warehouse", Map.of("driver", "postgresql",
                    "settings", Map.of("host", "127.0.0.1", "port", setup.embeddedPort(), "database", "warehouse",
                            "user", "postgres", "password", "********", "schema", "kept_external")))).expect(200);
            assertTrue(CLEAN_EXIT_CODES.contains(second.stop(PROMPT_EXIT)));
        }
    }

    /**
     * Connectors and engines start after the server is ready (so their 200 MB do not delay the health check), and the
     * catalog holds a look-up until they have: asked at once after the first 200, every one of them is there.
     */
    private static void extensionsAnswerRightAfterHealth(ServerProcess server, AdminApi admin) throws InterruptedException {
        JsonNode connectors = admin.get("/v1/connectors").expect(200).json().path("connectors");
        List<String> active = elements(connectors).filter(c -> c.path("state").asText().equals("active"))
                .map(c -> c.path("code").asText()).toList();
        for (String code : List.of("csv", "faker", "javascript", "parquet", "postgresql", "snowflake")) {
            assertTrue(active.contains(code), () -> code + " is not active right after the first 200: " + connectors
                    + "\n" + server.logForHumans());
        }
        JsonNode languages = admin.get("/v1/transformation-languages").expect(200).json().path("transformationLanguages");
        assertEquals(2, languages.size(), () -> languages + "\n" + server.logForHumans());
        String log = server.log();
        for (long deadline = System.nanoTime() + 5_000_000_000L; !log.contains("connector and engine bundles started")
                && System.nanoTime() < deadline; log = server.log()) {
            Thread.sleep(50); // the log line precedes the signal the catalog waited for; its copy may lag a little
        }
        int ready = log.indexOf(" is ready: ");
        int started = log.indexOf("connector and engine bundles started");
        assertTrue(ready >= 0 && started > ready, () -> "the extensions did not start after the server was ready\n"
                + server.logForHumans());
    }

    /** What identifies the keys (not lastUsedAt, which using them changes). */
    static List<Map<String, String>> keys(AdminApi admin) {
        return elements(admin.get("/v1/api-keys").expect(200).json().path("apiKeys")).map(k -> {
            Map<String, String> m = new LinkedHashMap<>();
            for (String f : List.of("id", "name", "prefix", "workspaceId", "createdAt")) {
                m.put(f, k.path(f).asText());
            }
            return m;
        }).toList();
    }
}
