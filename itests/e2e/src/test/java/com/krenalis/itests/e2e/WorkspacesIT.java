package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /v1/workspaces} over HTTP: the life of a workspace, validation, conflicts, an explicit warehouse. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class WorkspacesIT {
    private static final String PASSWORD = "e2e-Secret-Passw0rd";
    private static ServerProcess server;
    private static AdminApi admin;

    @BeforeAll
    static void connect(ServerProcess shared, AdminApi api) {
        server = shared;
        admin = api;
    }

    @Test
    void createListGetRenameDelete() {
        ApiResponse created = admin.post("/v1/workspaces", Map.of("name", "Sales")).expect(201);
        long id = created.id();
        JsonNode body = created.json();
        assertEquals("Sales", body.path("name").asText(), body::toString);
        assertTrue(body.path("warehouse").path("serverDefault").asBoolean(false), body::toString);
        assertEquals("workspace_" + id, body.path("namespace").asText(), body::toString);
        String location = created.header("Location").orElseThrow(() -> new AssertionError("no Location header"));
        assertTrue(location.endsWith("/v1/workspaces/" + id), location);
        assertEquals(body, admin.get(java.net.URI.create(location).getPath()).expect(200).json());

        assertTrue(elements(admin.get("/v1/workspaces").expect(200).json().path("workspaces"))
                .anyMatch(w -> w.path("id").asLong() == id && w.path("name").asText().equals("Sales")));

        JsonNode renamed = admin.put("/v1/workspaces/" + id, Map.of("name", "Sales EU")).expect(200).json();
        assertEquals("Sales EU", renamed.path("name").asText(), renamed::toString);
        assertEquals(body.path("namespace"), renamed.path("namespace"), "a rename keeps the namespace");
        assertEquals("Sales EU", admin.get("/v1/workspaces/" + id).expect(200).json().path("name").asText());

        admin.delete("/v1/workspaces/" + id).expect(204);
        admin.get("/v1/workspaces/" + id).expectError(404, "not_found");
        admin.delete("/v1/workspaces/" + id).expectError(404, "not_found");
        assertTrue(elements(admin.get("/v1/workspaces").json().path("workspaces")).noneMatch(w -> w.path("id").asLong() == id));
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of("empty name", "{\"name\":\"\"}", "name"),
                Arguments.of("blank name", "{\"name\":\"   \"}", "name"),
                Arguments.of("name too long", "{\"name\":\"" + "x".repeat(101) + "\"}", "name"),
                Arguments.of("unknown field", "{\"name\":\"ok\",\"colour\":\"red\"}", "colour"),
                Arguments.of("wrong JSON type", "{\"name\":[\"a\"]}", "name"),
                Arguments.of("malformed JSON", "{\"name\":", "body"),
                Arguments.of("not an object", "[]", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("unknown driver", "{\"name\":\"ok\",\"warehouse\":{\"driver\":\"nosuch\",\"settings\":{}}}",
                        "warehouse.driver"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void createRejectsInvalidInputNamingTheField(String what, String body, String field) {
        ApiResponse r = admin.post("/v1/workspaces", body).expectError(400, "invalid_input");
        assertTrue(r.errorFields().contains(field), () -> "expected field " + field + " in " + r.body());
    }

    @Test
    void updateRejectsInvalidInputNamingTheField() {
        long id = admin.post("/v1/workspaces", Map.of("name", "Update checks")).expect(201).id();
        ApiResponse r = admin.put("/v1/workspaces/" + id, Map.of("name", "")).expectError(400, "invalid_input");
        assertEquals(List.of("name"), r.errorFields(), r::body);
        r = admin.put("/v1/workspaces/" + id, "{\"nmae\":\"typo\"}").expectError(400, "invalid_input");
        assertEquals(List.of("nmae"), r.errorFields(), r::body);
        assertEquals("Update checks", admin.get("/v1/workspaces/" + id).json().path("name").asText());
        admin.delete("/v1/workspaces/" + id).expect(204);
    }

    @Test
    void duplicateNamesAreConflicts() {
        long first = admin.post("/v1/workspaces", Map.of("name", "Marketing")).expect(201).id();
        admin.post("/v1/workspaces", Map.of("name", "Marketing")).expectError(409, "conflict");
        long second = admin.post("/v1/workspaces", Map.of("name", "Support")).expect(201).id();
        admin.put("/v1/workspaces/" + second, Map.of("name", "Marketing")).expectError(409, "conflict");
        admin.delete("/v1/workspaces/" + first).expect(204);
        admin.delete("/v1/workspaces/" + second).expect(204);
    }

    @Test
    void explicitWarehouseShowsItsSettingsButNotThePassword() {
        Map<String, Object> settings = externalSettings("ext_schema");
        settings.put("password", PASSWORD);
        ApiResponse created = admin.post("/v1/workspaces", Map.of("name", "ext",
                "warehouse", Map.of("driver", "postgresql", "settings", settings))).expect(201);
        JsonNode warehouse = admin.get("/v1/workspaces/" + created.id()).expect(200).json().path("warehouse");
        assertEquals("postgresql", warehouse.path("driver").asText(), warehouse::toString);
        assertFalse(warehouse.path("serverDefault").asBoolean(true), warehouse::toString);
        JsonNode s = warehouse.path("settings");
        assertEquals("127.0.0.1", s.path("host").asText(), s::toString);
        assertEquals(server.setup().embeddedPort(), s.path("port").asInt(), s::toString);
        assertEquals("warehouse", s.path("database").asText(), s::toString);
        assertEquals("postgres", s.path("user").asText(), s::toString);
        assertEquals("ext_schema", s.path("schema").asText(), s::toString);
        assertEquals("********", s.path("password").asText(), s::toString);
        assertEquals(warehouse, created.json().path("warehouse"), "create and get answer the same");

        // A rename leaves the warehouse, password included, as it was.
        admin.put("/v1/workspaces/" + created.id(), Map.of("name", "ext renamed")).expect(200);
        assertEquals(warehouse, admin.get("/v1/workspaces/" + created.id()).json().path("warehouse"));

        assertFalse(server.log().contains(PASSWORD), "the log shows the warehouse password");
        assertFalse(admin.get("/v1/workspaces").body().contains(PASSWORD), "the listing shows the warehouse password");
        admin.delete("/v1/workspaces/" + created.id()).expect(204);
    }

    @Test
    void badDriverSettingsNameEachField() {
        Map<String, Object> settings = externalSettings("Not A Schema");
        settings.put("port", 70000);
        ApiResponse r = admin.post("/v1/workspaces", Map.of("name", "bad settings",
                "warehouse", Map.of("driver", "postgresql", "settings", settings))).expectError(400, "invalid_input");
        assertTrue(r.errorFields().containsAll(List.of("warehouse.settings.port", "warehouse.settings.schema")), r::body);

        settings = externalSettings("ok_schema");
        settings.remove("user");
        r = admin.post("/v1/workspaces", Map.of("name", "bad settings",
                "warehouse", Map.of("driver", "postgresql", "settings", settings))).expectError(400, "invalid_input");
        assertEquals(List.of("warehouse.settings.user"), r.errorFields(), r::body);

        assertTrue(elements(admin.get("/v1/workspaces").json().path("workspaces"))
                .noneMatch(w -> w.path("name").asText().equals("bad settings")), "a rejected workspace was created");
    }

    private static Map<String, Object> externalSettings(String schema) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("host", "127.0.0.1");
        s.put("port", server.setup().embeddedPort());
        s.put("database", "warehouse");
        s.put("user", "postgres");
        s.put("schema", schema);
        return s;
    }
}
