package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first start on a fresh data dir, with no admin key configured: what a new user sees. */
@ExtendWith({SharedServer.class, ServerLogs.class})
class FirstStartIT {
    private static ServerProcess server;
    private static AdminApi admin;

    @BeforeAll
    static void connect(ServerProcess shared, AdminApi api) {
        server = shared;
        admin = api;
    }

    @Test
    void healthAnswers200WithoutAKey() {
        JsonNode health = server.api(null).get("/v1/health").expect(200).json();
        assertEquals("ok", health.path("status").asText(), health::toString);
        assertFalse(health.path("version").asText().isBlank(), health::toString);
    }

    @Test
    void logPrintsTheUrls() {
        String base = "http://127.0.0.1:" + server.setup().httpPort();
        String log = server.log();
        for (String url : List.of(base + "/v1 ", base + "/v1/health", base + "/v1/openapi.json")) {
            assertTrue(log.contains(url), () -> "the log does not show " + url + "\n" + server.logForHumans());
        }
    }

    @Test
    void generatedAdminKeyIsPrintedOnceAndWorks() {
        String log = server.log();
        Matcher m = ServerProcess.GENERATED_KEY.matcher(log);
        assertTrue(m.find(), () -> "no generated admin key in the log\n" + server.logForHumans());
        String token = m.group(1);
        assertTrue(token.matches("kra_[0-9A-Za-z]{40}"), () -> "unexpected key format: " + token);
        assertFalse(m.find(), "the admin key announcement appears twice");

        JsonNode keys = server.api(token).get("/v1/api-keys").expect(200).json().path("apiKeys");
        assertTrue(elements(keys).anyMatch(k -> k.path("workspaceId").isNull() && token.startsWith(k.path("prefix").asText())
                        && !k.path("prefix").asText().isEmpty()),
                () -> "the generated key is not listed as an organization key: " + keys);
        assertTrue(elements(keys).noneMatch(k -> k.hasNonNull("token")), () -> "a listing shows a token: " + keys);
    }

    @Test
    void defaultWorkspaceIsOnTheDefaultWarehouse() {
        JsonNode workspaces = admin.get("/v1/workspaces").expect(200).json().path("workspaces");
        JsonNode def = elements(workspaces).filter(w -> w.path("name").asText().equals("Default")).findFirst()
                .orElseThrow(() -> new AssertionError("no workspace named Default: " + workspaces));
        assertTrue(def.path("warehouse").path("serverDefault").asBoolean(false), def::toString);
        assertEquals("workspace_1", def.path("namespace").asText(), def::toString);
        assertEquals(def, admin.get("/v1/workspaces/" + def.path("id").asLong()).expect(200).json());
    }

    @Test
    void fakerConnectorIsActiveWithItsBundleInfo() {
        JsonNode faker = extension("/v1/connectors", "connectors", "faker");
        assertEquals("active", faker.path("state").asText(), faker::toString);
        assertTrue(faker.path("version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), faker::toString);
        assertEquals("Krenalis", faker.path("vendor").asText(), faker::toString);
        assertEquals("MIT", faker.path("license").asText(), faker::toString);
        assertTrue(faker.path("failure").isNull(), faker::toString);
        assertFalse(faker.path("kinds").isEmpty(), faker::toString);
        JsonNode bundle = faker.path("bundle");
        assertEquals("com.krenalis.connector.faker", bundle.path("symbolicName").asText(), faker::toString);
        assertEquals(faker.path("version").asText(), bundle.path("version").asText(), faker::toString);
        assertTrue(bundle.path("id").asLong() > 0, faker::toString);
        assertTrue(bundle.path("location").asText().contains("bundles/connectors/"), faker::toString);
    }

    @Test
    void postgresqlDriverIsActive() {
        JsonNode pg = extension("/v1/warehouse-drivers", "warehouseDrivers", "postgresql");
        assertEquals("active", pg.path("state").asText(), pg::toString);
        assertEquals("com.krenalis.driver.postgresql", pg.path("bundle").path("symbolicName").asText(), pg::toString);
    }

    @Test
    void transformationLanguagesAreListed() {
        assertTrue(admin.get("/v1/transformation-languages").expect(200).json().path("transformationLanguages").isArray());
    }

    @Test
    void cleanStartLogsNoError() {
        String log = server.log();
        String startUp = log.substring(0, Math.max(0, log.indexOf(" is ready: ")));
        assertFalse(startUp.isEmpty(), () -> "no 'is ready' line\n" + server.logForHumans());
        assertTrue(startUp.lines().noneMatch(l -> l.contains(" ERROR ")),
                () -> "a clean first start logged an error\n" + server.logForHumans());
    }

    private static JsonNode extension(String path, String listName, String code) {
        JsonNode list = admin.get(path).expect(200).json().path(listName);
        return elements(list).filter(e -> e.path("code").asText().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " does not list " + code + ": " + list));
    }
}
