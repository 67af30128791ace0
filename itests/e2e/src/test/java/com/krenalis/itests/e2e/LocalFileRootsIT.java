package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator confines the local-files connector to the directories it allows, with a configuration file dropped in
 * {@code deploy/} while the server runs: a connection whose root lies elsewhere is refused naming {@code settings.root},
 * one beneath an allowed directory is made and reads.
 */
@ExtendWith(ServerLogs.class)
class LocalFileRootsIT {
    @TempDir
    Path root;

    @Test
    void anOperatorConfinesLocalFilesToTheDirectoriesItAllows() throws Exception {
        Path allowed = Files.createDirectories(root.resolve("exports/crm"));
        Path elsewhere = Files.createDirectories(root.resolve("private"));
        Files.writeString(allowed.resolve("users.csv"), "id,email\nu1,a@example.com\n");
        ServerSetup setup = ServerSetup.fresh(root.resolve("server"));
        try (ServerProcess server = ServerProcess.start("file-roots", setup)) {
            server.waitHealthy(SharedServer.START_TIMEOUT);
            AdminApi admin = server.api(server.generatedAdminKey().orElseThrow(() -> new AssertionError("no generated key")))
                    .inWorkspace(1);
            Map<String, Object> privateRoot = Map.of("name", "Private", "role", "source", "connector", "filesystem",
                    "settings", Map.of("root", elsewhere.toString()));
            admin.post("/v1/connections", privateRoot).expect(201); // no restriction yet: any readable directory

            Files.createDirectories(setup.deployDir());
            Files.writeString(setup.deployDir().resolve("com.krenalis.connector.filesystem.cfg"),
                    "allowedRoots=" + root.resolve("exports") + "\n");
            List<String> fields = List.of();
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (int i = 0; fields.isEmpty(); i++) { // FileInstall picks the file up within a second or so
                assertTrue(System.nanoTime() < deadline, "the restriction never took effect");
                Thread.sleep(250);
                ApiResponse r = admin.post("/v1/connections", Map.of("name", "Private " + i, "role", "source",
                        "connector", "filesystem", "settings", Map.of("root", elsewhere.toString())));
                if (r.status() == 400) {
                    fields = r.expectError(400, "invalid_input").errorFields();
                }
            }
            assertEquals(List.of("settings.root"), fields);
            long crm = admin.post("/v1/connections", Map.of("name", "CRM exports", "role", "source", "connector", "filesystem",
                    "settings", Map.of("root", allowed.toString()))).expect(201).id();
            assertTrue(admin.post("/v1/connections/" + crm + "/discover", Map.of("source", Map.of("path", "users.csv",
                    "format", "csv", "identityColumn", "id"))).expect(200).json().path("schema").toString().contains("email"));
        }
    }
}
