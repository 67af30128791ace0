package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the server leaves its embedded PostgreSQL running; the next start on the same data dir stops that
 * orphan, starts PostgreSQL again, and has all the data. Also the configured-admin-key path of the first start.
 */
@ExtendWith(ServerLogs.class)
class CrashRecoveryIT {
    private static final String ADMIN_KEY = "e2e-configured-admin-key-0123456789";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void killedServerRecoversOnTheNextStart() {
        ServerSetup setup = ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", ADMIN_KEY);
        JsonNode workspacesBefore;
        List<Map<String, String>> keysBefore;
        ProcessHandle orphan;
        ServerProcess first = ServerProcess.start("crash-1", setup);
        try {
            first.waitHealthy(SharedServer.START_TIMEOUT);
            assertTrue(first.log().contains("Created the admin API key given in KRENALIS_ADMIN_KEY"), first::logForHumans);
            assertTrue(first.generatedAdminKey().isEmpty(), () -> "a key was generated although one is configured\n"
                    + first.logForHumans());
            AdminApi admin = first.api(ADMIN_KEY);
            long id = admin.post("/v1/workspaces", Map.of("name", "Survivor")).expect(201).id();
            admin.post("/v1/api-keys", Map.of("name", "Survivor key", "workspaceId", id)).expect(201);
            workspacesBefore = admin.get("/v1/workspaces").expect(200).json();
            keysBefore = RestartIT.keys(admin);
            long postgresPid = first.postmasterPid().orElseThrow(() -> new AssertionError("no postmaster.pid while running"));

            assertEquals(137, first.kill(), "kill -9 exit code");
            orphan = ProcessHandle.of(postgresPid).filter(PostgresProcess::running)
                    .orElseThrow(() -> new AssertionError("the embedded PostgreSQL died with the server: nothing to recover"));
        } catch (RuntimeException | Error e) {
            first.close(); // only on failure: on success the orphan is left for the next start to find
            throw e;
        }

        try (ServerProcess second = ServerProcess.start("crash-2", setup)) {
            second.waitHealthy(SharedServer.START_TIMEOUT);
            assertFalse(PostgresProcess.running(orphan), "the orphaned PostgreSQL (pid " + orphan.pid() + ") still runs");
            long newPostgres = second.postmasterPid().orElseThrow(() -> new AssertionError("no postmaster.pid after restart"));
            assertNotEquals(orphan.pid(), newPostgres);
            assertTrue(second.log().contains("from a previous run is still running"),
                    () -> "the restart did not report the orphan\n" + second.logForHumans());

            AdminApi admin = second.api(ADMIN_KEY);
            assertEquals(workspacesBefore, admin.get("/v1/workspaces").expect(200).json());
            assertEquals(keysBefore, RestartIT.keys(admin));
            assertFalse(second.log().contains("Created the admin API key"), "the configured key was created twice");
            assertTrue(RestartIT.CLEAN_EXIT_CODES.contains(second.stop(RestartIT.PROMPT_EXIT)));
        }
    }
}
