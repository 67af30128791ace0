package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connections and write keys over HTTP, with the workspace chosen by header or by a workspace key. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class ConnectionsIT {
    private static AdminApi admin;
    private static long workspace;

    @BeforeAll
    static void connect(ServerProcess shared, AdminApi api) {
        admin = api;
        workspace = api.post("/v1/workspaces", Map.of("name", "Connections " + UUID.randomUUID())).expect(201).id();
    }

    @Test
    void anOrganizationKeyMustNameTheWorkspace() {
        admin.get("/v1/connections").expectError(400, "invalid_input");
        assertTrue(admin.get("/v1/connections").body().contains("Krenalis-Workspace"));
        admin.inWorkspace(999_999).get("/v1/connections").expectError(404, "not_found");
    }

    @Test
    void createReadUpdateDeleteASource() {
        AdminApi ws = admin.inWorkspace(workspace);
        ApiResponse created = ws.post("/v1/connections", Map.of("name", "Synthetic users", "role", "source",
                "connector", "faker", "settings", Map.of("count", 10))).expect(201);
        long id = created.id();
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/v1/connections/" + id));
        JsonNode c = ws.get("/v1/connections/" + id).expect(200).json();
        assertEquals("faker", c.path("connector").asText());
        assertEquals(workspace, c.path("workspaceId").asLong());
        assertEquals(10, c.path("settings").path("count").asInt());
        assertTrue(c.path("enabled").asBoolean());

        JsonNode disabled = ws.put("/v1/connections/" + id, Map.of("enabled", false)).expect(200).json();
        assertFalse(disabled.path("enabled").asBoolean());
        assertEquals("Synthetic users", disabled.path("name").asText());
        assertTrue(elements(ws.get("/v1/connections").expect(200).json().path("connections")).anyMatch(x -> x.path("id").asLong() == id));

        ws.delete("/v1/connections/" + id).expect(204);
        ws.get("/v1/connections/" + id).expectError(404, "not_found");
    }

    @Test
    void badInputNamesTheField() {
        AdminApi ws = admin.inWorkspace(workspace);
        assertEquals("connector", firstField(ws.post("/v1/connections", Map.of("name", "x", "role", "source", "connector", "nope"))));
        assertEquals("role", firstField(ws.post("/v1/connections", Map.of("name", "x", "role", "sink", "connector", "faker"))));
        assertEquals("settings.count", firstField(ws.post("/v1/connections", Map.of("name", "x", "role", "source",
                "connector", "faker", "settings", Map.of("count", -1)))));
        assertEquals("surprise", firstField(ws.post("/v1/connections", Map.of("name", "x", "role", "source",
                "connector", "faker", "surprise", 1))));
    }

    @Test
    void aRecordSourceHasNoWriteKeys() {
        AdminApi ws = admin.inWorkspace(workspace);
        long id = ws.post("/v1/connections", Map.of("name", "No keys " + UUID.randomUUID(), "role", "source",
                "connector", "faker")).expect(201).id();
        assertEquals("connection", firstField(ws.post("/v1/connections/" + id + "/event-write-keys", Map.of())));
        assertEquals(0, ws.get("/v1/connections/" + id + "/event-write-keys").expect(200).json().path("eventWriteKeys").size());
    }

    @Test
    void aWorkspaceKeyActsOnItsOwnWorkspaceOnly() {
        String token = admin.post("/v1/api-keys", Map.of("name", "ws " + UUID.randomUUID(), "workspaceId", workspace))
                .expect(201).json().path("token").asText();
        AdminApi scoped = admin.withKey(token);
        long id = scoped.post("/v1/connections", Map.of("name", "Scoped " + UUID.randomUUID(), "role", "source",
                "connector", "faker")).expect(201).id();
        assertEquals(workspace, scoped.get("/v1/connections/" + id).expect(200).json().path("workspaceId").asLong());
        long other = admin.post("/v1/workspaces", Map.of("name", "Other " + UUID.randomUUID())).expect(201).id();
        scoped.inWorkspace(other).get("/v1/connections").expectError(404, "not_found");
        admin.inWorkspace(other).get("/v1/connections/" + id).expectError(404, "not_found");
    }

    private static String firstField(ApiResponse r) {
        r.expectError(400, "invalid_input");
        return r.json().path("error").path("fields").path(0).path("field").asText();
    }
}
