package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /v1/api-keys} over HTTP: organization and workspace keys, what each may do, deletion. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class ApiKeysIT {
    private static AdminApi admin;

    @BeforeAll
    static void connect(AdminApi api) {
        admin = api;
    }

    @Test
    void createGetRenameListDelete() {
        ApiResponse created = admin.post("/v1/api-keys", Map.of("name", "CI")).expect(201);
        JsonNode key = created.json();
        long id = key.path("id").asLong();
        String token = key.path("token").asText();
        assertTrue(token.matches("kra_[0-9A-Za-z]{40}"), key::toString);
        assertTrue(created.header("Location").orElse("").endsWith("/v1/api-keys/" + id), created.headers()::toString);
        assertTrue(key.path("workspaceId").isNull(), key::toString);
        assertTrue(token.startsWith(key.path("prefix").asText()), key::toString);

        JsonNode got = admin.get("/v1/api-keys/" + id).expect(200).json();
        assertTrue(got.path("token").isNull() || got.path("token").isMissingNode(), () -> "the token is shown again: " + got);
        assertEquals("CI", got.path("name").asText());
        admin.withKey(token).get("/v1/api-keys").expect(200);

        assertEquals("CI deploys", admin.put("/v1/api-keys/" + id, Map.of("name", "CI deploys")).expect(200).json()
                .path("name").asText());
        assertTrue(elements(admin.get("/v1/api-keys").expect(200).json().path("apiKeys"))
                .anyMatch(k -> k.path("id").asLong() == id && k.path("name").asText().equals("CI deploys")));

        admin.delete("/v1/api-keys/" + id).expect(204);
        admin.get("/v1/api-keys/" + id).expectError(404, "not_found");
        admin.withKey(token).get("/v1/workspaces").expectError(401, "unauthorized");
    }

    @Test
    void workspaceKeySeesOnlyItsWorkspace() {
        long mine = admin.post("/v1/workspaces", Map.of("name", "Key scope A")).expect(201).id();
        long other = admin.post("/v1/workspaces", Map.of("name", "Key scope B")).expect(201).id();
        ApiResponse created = admin.post("/v1/api-keys", Map.of("name", "scoped", "workspaceId", mine)).expect(201);
        assertEquals(mine, created.json().path("workspaceId").asLong(), created::body);
        AdminApi scoped = admin.withKey(created.json().path("token").asText());

        assertEquals("Key scope A", scoped.get("/v1/workspaces/" + mine).expect(200).json().path("name").asText());
        scoped.get("/v1/workspaces/" + other).expectError(404, "not_found");
        JsonNode listed = scoped.get("/v1/workspaces").expect(200).json().path("workspaces");
        assertEquals(List.of(mine), elements(listed).map(w -> w.path("id").asLong()).toList(), listed::toString);
        scoped.get("/v1/api-keys").expectError(403, "forbidden");
        scoped.post("/v1/api-keys", Map.of("name", "escalate")).expectError(403, "forbidden");
        scoped.post("/v1/workspaces", Map.of("name", "Key scope C")).expectError(403, "forbidden");
        scoped.delete("/v1/workspaces/" + mine).expectError(403, "forbidden");

        // Deleted: refused at once, not after some cache expires.
        admin.delete("/v1/api-keys/" + created.id()).expect(204);
        scoped.get("/v1/workspaces/" + mine).expectError(401, "unauthorized");

        admin.delete("/v1/workspaces/" + mine).expect(204);
        admin.delete("/v1/workspaces/" + other).expect(204);
    }

    @Test
    void workspaceKeyNeedsAnExistingWorkspace() {
        ApiResponse r = admin.post("/v1/api-keys", Map.of("name", "nowhere", "workspaceId", 999_999))
                .expectError(400, "invalid_input");
        assertEquals(List.of("workspaceId"), r.errorFields(), r::body);
        r = admin.post("/v1/api-keys", Map.of("name", "")).expectError(400, "invalid_input");
        assertEquals(List.of("name"), r.errorFields(), r::body);
    }

    @Test
    void lastOrganizationKeyCannotBeDeleted() {
        // Leave the caller's key as the only organization key: delete the others (which works while two are left).
        long second = admin.post("/v1/api-keys", Map.of("name", "second")).expect(201).id();
        JsonNode keys = admin.get("/v1/api-keys").expect(200).json().path("apiKeys");
        long mine = myKeyId(keys);
        elements(keys).filter(k -> k.path("workspaceId").isNull() && k.path("id").asLong() != mine)
                .forEach(k -> admin.delete("/v1/api-keys/" + k.path("id").asLong()).expect(204));
        admin.get("/v1/api-keys/" + second).expectError(404, "not_found");

        admin.delete("/v1/api-keys/" + mine).expectError(409, "conflict");
        admin.get("/v1/api-keys/" + mine).expect(200);
    }

    /** The id of the key the admin client uses, found by its prefix. */
    private static long myKeyId(JsonNode keys) {
        String token = admin.key();
        return elements(keys).filter(k -> k.path("workspaceId").isNull() && token.startsWith(k.path("prefix").asText()))
                .mapToLong(k -> k.path("id").asLong()).findFirst()
                .orElseThrow(() -> new AssertionError("the admin key is not listed: " + keys));
    }
}
