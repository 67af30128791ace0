package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pipelines over the admin API on the real server: definitions checked field by field, a batch run from the Faker
 * source into identities with its counts, errors, metrics and a cancel, and the default users pipeline of an event
 * source.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class PipelinesIT {
    private static AdminApi admin;
    private static ServerProcess server;
    private static long faker;

    @BeforeAll
    static void workspace(ServerProcess shared, AdminApi api) {
        server = shared;
        long workspace = api.post("/v1/workspaces", Map.of("name", "Pipelines " + UUID.randomUUID())).expect(201).id();
        admin = api.inWorkspace(workspace);
        faker = admin.post("/v1/connections", Map.of("name", "Faker", "role", "source", "connector", "faker",
                "settings", Map.of("count", 3000, "seed", 11))).expect(201).id();
    }

    private static JsonNode waitFor(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            JsonNode body = admin.get(path).expect(200).json();
            if (done.test(body)) {
                return body;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting on " + path + ": " + body);
            Thread.sleep(50);
        }
    }

    @Test
    void badDefinitionsAreRefusedNamingTheField() {
        assertEquals(List.of("connection"), admin.post("/v1/pipelines", Map.of("name", "x", "target", "users"))
                .expectError(400, "invalid_input").errorFields());
        assertEquals(java.util.Set.of("schedule", "surprise"), java.util.Set.copyOf(admin.post("/v1/pipelines", Map.of(
                "connection", faker, "name", "x", "target", "users", "schedule", 7, "surprise", true))
                .expectError(400, "invalid_input").errorFields()), "every bad field at once");
        assertEquals(List.of("transformation.kind"), admin.post("/v1/pipelines", Map.of("connection", faker, "name", "x",
                "target", "users", "transformation", Map.of("kind", "magic"))).expectError(400, "invalid_input").errorFields());
        assertEquals(List.of("filter.conditions[0].property"), admin.post("/v1/pipelines", Map.of("connection", faker,
                "name", "x", "target", "users", "filter", Map.of("logical", "and", "conditions", List.of(Map.of("property",
                        "nope", "operator", "is", "values", List.of("a")))))).expectError(400, "invalid_input").errorFields());
        assertEquals(List.of("transformation.language"), admin.post("/v1/pipelines", Map.of("connection", faker, "name", "x",
                "target", "users", "transformation", Map.of("kind", "function", "language", "cobol", "source", "x")))
                .expectError(400, "invalid_input").errorFields());
        admin.post("/v1/pipelines", Map.of("connection", 999_999, "name", "x", "target", "users")).expectError(404, "not_found");
        admin.get("/v1/pipelines/999999").expectError(404, "not_found");
        assertEquals(List.of("records"), admin.post("/v1/transformations/preview", Map.of("transformation",
                Map.of("kind", "function", "language", "cobol", "source", "x"))).expectError(400, "invalid_input").errorFields());
    }

    @Test
    void aBatchRunImportsUsersWithCountsErrorsAndMetrics() throws Exception {
        JsonNode p = admin.post("/v1/pipelines", Map.of("connection", faker, "name", "Users but Italy", "target", "users",
                "schedule", 1440, "filter", Map.of("logical", "and", "conditions", List.of(Map.of("property", "country",
                        "operator", "is not", "values", List.of("IT")))))).expect(201).json();
        long id = p.path("id").asLong();
        assertEquals(1440, p.path("schedule").asInt());
        assertEquals("none", p.path("transformation").path("kind").asText());

        long run = admin.post("/v1/pipelines/" + id + "/runs", Map.of()).expect(202).id();
        JsonNode done = waitFor("/v1/pipelines/runs/" + run, r -> !r.path("state").asText().equals("running"));
        assertEquals("succeeded", done.path("state").asText(), done.toString());
        JsonNode counts = done.path("counts");
        assertEquals(3000, counts.path("received").asLong());
        assertEquals(3000, done.path("total").asLong());
        assertEquals(100, done.path("percent").asInt());
        long written = counts.path("written").asLong();
        assertTrue(written > 1000 && written < 3000, done.toString());
        assertEquals(counts.path("passedFilter").asLong(), written);
        assertEquals(0, counts.path("failed").asLong());

        JsonNode metrics = admin.get("/v1/pipelines/" + id + "/metrics?granularity=hour").expect(200).json();
        long received = 0;
        for (JsonNode b : metrics.path("metrics")) {
            received += b.path("received").asLong();
        }
        assertEquals(3000, received, metrics.toString());
        admin.get("/v1/pipelines/" + id + "/metrics?granularity=week").expectError(400, "invalid_input");
        assertEquals(0, admin.get("/v1/pipelines/" + id + "/errors").expect(200).json().path("errors").size());
        assertEquals(run, admin.get("/v1/pipelines/runs?pipeline=" + id).expect(200).json().path("runs").path(0).path("id").asLong());

        // A replacement bumps the version; the target cannot change.
        JsonNode replaced = admin.put("/v1/pipelines/" + id, Map.of("name", "All users", "schedule", 60)).expect(200).json();
        assertEquals(2, replaced.path("version").asInt());
        assertTrue(replaced.path("filter").isNull());
        assertEquals(List.of("target"), admin.put("/v1/pipelines/" + id, Map.of("name", "x", "target", "events"))
                .expectError(400, "invalid_input").errorFields());
        assertEquals(false, admin.post("/v1/pipelines/" + id + "/disable", Map.of()).expect(200).json().path("enabled").asBoolean());
        admin.post("/v1/pipelines/" + id + "/runs", Map.of()).expectError(409, "conflict");
        admin.post("/v1/pipelines/" + id + "/enable", Map.of()).expect(200);
    }

    @Test
    void aRunCanBeCancelledAndOnlyOneRunsAtATime() throws Exception {
        long big = admin.post("/v1/connections", Map.of("name", "Many", "role", "source", "connector", "faker",
                "settings", Map.of("count", 1_000_000))).expect(201).id();
        long id = admin.post("/v1/pipelines", Map.of("connection", big, "name", "Everyone", "target", "users")).expect(201).id();
        long run = admin.post("/v1/pipelines/" + id + "/runs", Map.of()).expect(202).id();
        admin.post("/v1/pipelines/" + id + "/runs", Map.of()).expectError(409, "conflict");
        admin.delete("/v1/pipelines/" + id).expectError(409, "conflict");
        waitFor("/v1/pipelines/runs/" + run, r -> r.path("counts").path("received").asLong() > 0);
        admin.post("/v1/pipelines/runs/" + run + "/cancel", Map.of()).expect(200);
        JsonNode done = waitFor("/v1/pipelines/runs/" + run, r -> !r.path("state").asText().equals("running"));
        assertEquals("cancelled", done.path("state").asText());
        assertTrue(done.path("counts").path("received").asLong() < 1_000_000);
        admin.post("/v1/pipelines/runs/" + run + "/cancel", Map.of()).expectError(409, "conflict");
        admin.delete("/v1/pipelines/" + id).expect(204);
    }

    private static String basic(String key) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((key + ":").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void send(String auth, String json) throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var r = http.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/batch")).header("Authorization", auth)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"batch\":[" + json + "]}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** A source whose only users pipeline runs the function; returns its write key and the pipeline id. */
    private static long[] sourceWithFunction(String name, String language, String source) {
        long connection = admin.post("/v1/connections", Map.of("name", name, "role", "source", "connector", "javascript"))
                .expect(201).id();
        long defaultPipeline = admin.get("/v1/pipelines?connection=" + connection).expect(200).json().path("pipelines").path(0)
                .path("id").asLong();
        admin.post("/v1/pipelines/" + defaultPipeline + "/disable", Map.of()).expect(200);
        long pipeline = admin.post("/v1/pipelines", Map.of("connection", connection, "name", name + " users", "target", "users",
                "transformation", Map.of("kind", "function", "language", language, "source", source))).expect(201).id();
        return new long[] {connection, pipeline};
    }

    private static String writeKey(long connection) {
        return basic(admin.post("/v1/connections/" + connection + "/event-write-keys", Map.of()).expect(201).json()
                .path("key").asText());
    }

    @Test
    void eventsGoThroughJavaScriptAndPythonFunctionsIntoIdentities() throws Exception {
        long[] js = sourceWithFunction("Site", "javascript", """
                function transform(event) {
                  if (event.type !== 'identify') return null;
                  const t = event.traits || {};
                  if (t.crash) throw new Error('bad trait ' + t.crash);
                  return { email: String(t.email).trim().toLowerCase(), first_name: t.name.split(' ')[0] };
                }
                """);
        long[] py = sourceWithFunction("App", "python", """
                def transform(event):
                    traits = event.get("traits") or {}
                    if event["type"] != "identify":
                        return None
                    return {"email": traits["email"].strip().lower(), "last_name": traits["name"].split(" ")[-1].upper()}
                """);
        String id = UUID.randomUUID().toString().substring(0, 8);
        send(writeKey(js[0]), "{\"type\":\"identify\",\"userId\":\"w-" + id + "\",\"traits\":{\"email\":\" Zoe." + id
                + "@Example.com \",\"name\":\"Zoë Smith\"}},{\"type\":\"track\",\"userId\":\"w-" + id + "\",\"event\":\"Click\"},"
                + "{\"type\":\"identify\",\"userId\":\"w2-" + id + "\",\"traits\":{\"crash\":\"x\"}}");
        send(writeKey(py[0]), "{\"type\":\"identify\",\"userId\":\"a-" + id + "\",\"traits\":{\"email\":\"ZOE." + id
                + "@example.com\",\"name\":\"Zoë Smith\"}}");
        JsonNode jsCounts = waitFor("/v1/pipelines/" + js[1] + "/metrics", m -> total(m, "received") == 3).path("metrics");
        assertEquals(1, total(jsCounts, "written"));
        assertEquals(1, total(jsCounts, "failed"));
        JsonNode error = admin.get("/v1/pipelines/" + js[1] + "/errors").expect(200).json().path("errors").path(0);
        assertEquals("transformation", error.path("step").asText());
        assertTrue(error.path("message").asText().contains("bad trait x"), error.toString());
        waitFor("/v1/pipelines/" + py[1] + "/metrics", m -> total(m, "written") == 1);

        admin.put("/v1/identity-resolution/settings", Map.of("identifiers", List.of("email"))).expect(200);
        long run = admin.post("/v1/identity-resolution/start", Map.of()).expect(202).id();
        assertEquals("succeeded", waitFor("/v1/identity-resolution/runs/" + run,
                r -> !r.path("state").asText().equals("running")).path("state").asText());
        String filter = java.net.URLEncoder.encode("{\"logical\":\"and\",\"conditions\":[{\"property\":\"email\","
                + "\"operator\":\"is\",\"values\":[\"zoe." + id + "@example.com\"]}]}", java.nio.charset.StandardCharsets.UTF_8);
        JsonNode profiles = admin.get("/v1/profiles?filter=" + filter).expect(200).json().path("profiles");
        assertEquals(1, profiles.size(), profiles.toString());
        assertEquals("Zoë", profiles.path(0).path("first_name").asText(), "from the JavaScript function");
        assertEquals("SMITH", profiles.path(0).path("last_name").asText(), "from the Python function");
    }

    private static long total(JsonNode metrics, String count) {
        JsonNode buckets = metrics.has("metrics") ? metrics.path("metrics") : metrics;
        long n = 0;
        for (JsonNode b : buckets) {
            n += b.path(count).asLong();
        }
        return n;
    }

    @Test
    void anEventSourceHasADefaultUsersPipeline() {
        long js = admin.post("/v1/connections", Map.of("name", "Landing", "role", "source", "connector", "javascript")).expect(201).id();
        JsonNode pipelines = admin.get("/v1/pipelines?connection=" + js).expect(200).json().path("pipelines");
        assertEquals(1, pipelines.size());
        assertEquals("Users from events", pipelines.path(0).path("name").asText());
        assertEquals("users", pipelines.path(0).path("target").asText());
        long id = pipelines.path(0).path("id").asLong();
        admin.post("/v1/pipelines/" + id + "/runs", Map.of()).expectError(400, "invalid_input");
        assertEquals(List.of("schedule"), admin.put("/v1/pipelines/" + id, Map.of("name", "x", "schedule", 60))
                .expectError(400, "invalid_input").errorFields());
    }
}
