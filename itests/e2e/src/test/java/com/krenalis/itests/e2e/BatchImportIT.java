package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch import end to end on the real server with the connector bundles it ships: users from a CSV file (local files
 * storage, CSV format) and from a PostgreSQL table (the PostgreSQL connector, on a database of the server's embedded
 * PostgreSQL), identity resolution started by each import, profiles merged across both sources over the API; then a
 * user removed from the file leaves the identities and the profiles at the next full run.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class BatchImportIT {
    private static AdminApi admin;
    private static ServerProcess server;
    @TempDir
    static Path files;

    @BeforeAll
    static void workspace(ServerProcess shared, AdminApi api) {
        server = shared;
        long workspace = api.post("/v1/workspaces", Map.of("name", "Imports " + UUID.randomUUID())).expect(201).id();
        admin = api.inWorkspace(workspace);
        admin.put("/v1/identity-resolution/settings", Map.of("identifiers", List.of("email"), "runAfterImport", true))
                .expect(200);
    }

    private static JsonNode waitFor(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            JsonNode body = admin.get(path).expect(200).json();
            if (done.test(body)) {
                return body;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting on " + path + ": " + body);
            Thread.sleep(100);
        }
    }

    private static JsonNode run(long pipeline) throws Exception {
        long id = admin.post("/v1/pipelines/" + pipeline + "/runs", Map.of()).expect(202).id();
        JsonNode run = waitFor("/v1/pipelines/runs/" + id, r -> !r.path("state").asText().equals("running"));
        assertEquals("succeeded", run.path("state").asText(), run.toString());
        return run;
    }

    /** Waits for identity resolution to have resolved exactly this many identities, and for no run to go on. */
    private static void resolved(long identities) throws Exception {
        waitFor("/v1/identity-resolution/runs", r -> {
            List<JsonNode> runs = elements(r.path("runs")).toList();
            return !runs.isEmpty() && runs.stream().noneMatch(x -> x.path("state").asText().equals("running"))
                    && runs.get(0).path("state").asText().equals("succeeded") && runs.get(0).path("identities").asLong() == identities;
        });
    }

    private static Map<String, JsonNode> profilesByEmail() {
        return elements(admin.get("/v1/profiles?limit=100").expect(200).json().path("profiles"))
                .collect(Collectors.toMap(p -> p.path("email").asText(), p -> p));
    }

    private static void csv(String... lines) throws Exception {
        Files.createDirectories(files.resolve("crm"));
        Files.writeString(files.resolve("crm/users.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    @Test
    void aCsvFileAndAPostgresTableBecomeProfiles() throws Exception {
        csv("id,email,first_name,updated_at",
                "c1,ada@example.com,Ada,2026-01-01T10:00:00Z",
                "c2,bob@example.com,Bob,2026-01-01T10:00:00Z",
                "c3,cy@example.com,\"Cy, Jr.\",2026-01-01T10:00:00Z");
        String database = "shop_" + UUID.randomUUID().toString().replace("-", "");
        String url = "jdbc:postgresql://127.0.0.1:" + server.setup().embeddedPort() + "/";
        try (Connection c = DriverManager.getConnection(url + "krenalis", "postgres", null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + database);
        }
        try (Connection c = DriverManager.getConnection(url + database, "postgres", null); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (customer_id int PRIMARY KEY, mail text, name text, modified timestamptz)");
            st.execute("INSERT INTO customers VALUES (101, 'ada@example.com', 'Ada L.', '2026-02-01 10:00:00+00'), "
                    + "(102, 'dee@example.com', 'Dee', '2026-02-01 10:00:00+00')");
        }

        long storage = admin.post("/v1/connections", Map.of("name", "CRM exports", "role", "source", "connector", "filesystem",
                "settings", Map.of("root", files.toString()))).expect(201).id();
        assertEquals(List.of("source.path"), admin.post("/v1/pipelines", Map.of("connection", storage, "name", "x", "target",
                "users", "source", Map.of("format", "csv", "identityColumn", "id"))).expectError(400, "invalid_input").errorFields());
        assertEquals(List.of("source"), admin.post("/v1/pipelines", Map.of("connection", storage, "name", "x", "target", "users",
                "source", Map.of("path", "crm/missing.csv", "format", "csv", "identityColumn", "id")))
                .expectError(400, "invalid_input").errorFields());
        long fromFile = admin.post("/v1/pipelines", Map.of("connection", storage, "name", "CRM users", "target", "users",
                "source", Map.of("path", "crm/users.csv", "format", "csv", "identityColumn", "id", "updatedAtColumn", "updated_at")))
                .expect(201).id();

        long shop = admin.post("/v1/connections", Map.of("name", "Shop database", "role", "source", "connector", "postgresql",
                "settings", Map.of("host", "127.0.0.1", "port", server.setup().embeddedPort(), "database", database,
                        "username", "postgres", "sslMode", "disable"))).expect(201).id();
        long fromTable = admin.post("/v1/pipelines", Map.of("connection", shop, "name", "Customers", "target", "users",
                "source", Map.of("query", "SELECT customer_id, mail AS email, name AS first_name, modified FROM customers",
                        "identityColumn", "customer_id", "updatedAtColumn", "modified"))).expect(201).id();

        // Settings checked live, before and after a connection is made of them; schemas discovered.
        JsonNode good = admin.post("/v1/connections/" + shop + "/check", Map.of()).expect(200).json();
        assertTrue(good.path("ok").asBoolean(), good.toString());
        JsonNode wrongDatabase = admin.post("/v1/connections/check", Map.of("connector", "postgresql", "settings", Map.of(
                "host", "127.0.0.1", "port", server.setup().embeddedPort(), "database", "nope_" + database,
                "username", "postgres", "password", "s3cret-pass", "sslMode", "disable"))).expect(200).json();
        assertEquals(false, wrongDatabase.path("ok").asBoolean());
        assertEquals("settings.database", wrongDatabase.path("field").asText(), wrongDatabase.toString());
        assertTrue(!wrongDatabase.toString().contains("s3cret-pass"), "no secret echoed");
        assertEquals(List.of("settings.port"), admin.post("/v1/connections/check", Map.of("connector", "postgresql",
                "settings", Map.of("host", "h", "port", 70000, "database", "d", "username", "u")))
                .expectError(400, "invalid_input").errorFields());
        assertTrue(admin.post("/v1/connections/" + storage + "/check", Map.of()).expect(200).json().path("ok").asBoolean());
        JsonNode fileSchema = admin.post("/v1/connections/" + storage + "/discover", Map.of("source", Map.of("path",
                "crm/users.csv", "format", "csv", "identityColumn", "id"))).expect(200).json().path("schema");
        assertEquals(List.of("id", "email", "first_name", "updated_at"), elements(fileSchema.path("properties"))
                .map(p -> p.path("name").asText()).toList());
        JsonNode tableSchema = admin.post("/v1/connections/" + shop + "/discover", Map.of("source", Map.of("query",
                "SELECT * FROM customers", "identityColumn", "customer_id"))).expect(200).json().path("schema");
        assertEquals("int", elements(tableSchema.path("properties")).filter(p -> p.path("name").asText().equals("customer_id"))
                .findFirst().orElseThrow().path("type").path("type").asText());
        assertEquals(List.of("source"), admin.post("/v1/connections/" + shop + "/discover", Map.of("source", Map.of(
                "query", "SELECT * FROM missing_table", "identityColumn", "id"))).expectError(400, "invalid_input").errorFields());

        assertEquals(3, run(fromFile).path("counts").path("written").asLong());
        assertEquals(2, run(fromTable).path("counts").path("written").asLong());
        resolved(5);
        Map<String, JsonNode> profiles = profilesByEmail();
        assertEquals(java.util.Set.of("ada@example.com", "bob@example.com", "cy@example.com", "dee@example.com"), profiles.keySet());
        JsonNode ada = profiles.get("ada@example.com");
        assertEquals(2, ada.path("_identities").asInt(), "the file's c1 and the table's 101");
        assertEquals("Ada L.", ada.path("first_name").asText(), "the fresher identity's value (the table's)");
        assertEquals("Cy, Jr.", profiles.get("cy@example.com").path("first_name").asText());
        List<String> sources = elements(admin.get("/v1/profiles/" + ada.path("_kpid").asText() + "/identities").expect(200)
                .json().path("identities")).map(i -> i.toString()).toList();
        assertTrue(sources.stream().anyMatch(s -> s.contains("c1")) && sources.stream().anyMatch(s -> s.contains("101")),
                sources.toString());

        // Bob leaves the file: the next full run removes his identity, and the resolution after it his profile.
        csv("id,email,first_name,updated_at",
                "c1,ada@example.com,Ada,2026-01-01T10:00:00Z",
                "c3,cy@example.com,\"Cy, Jr.\",2026-01-01T10:00:00Z");
        JsonNode again = run(fromFile);
        assertEquals(1, again.path("removed").asLong(), again.toString());
        resolved(4);
        assertEquals(java.util.Set.of("ada@example.com", "cy@example.com", "dee@example.com"), profilesByEmail().keySet());
    }
}
