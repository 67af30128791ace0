package com.krenalis.itests.e2e;

import static com.krenalis.itests.e2e.ApiResponse.elements;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A connector bundle copied into the running server's deploy folder is installed, updated in place when overwritten,
 * and removed when deleted, each within the documented time. Uses the hello connector of {@code itests/fixtures}.
 */
@ExtendWith({SharedServer.class, ServerLogs.class})
class HotDeployIT {
    /** The promise of the deploy folder: a change shows in the API within 2 s (FileInstall polls every 0.5 s). */
    private static final Duration PROMISED = Duration.ofSeconds(2);
    /** How long to keep looking, so that a slow change is reported with its real time rather than as missing. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String SYMBOLIC_NAME = "com.krenalis.fixture.hello-connector";

    private static ServerProcess server;
    private static AdminApi admin;
    private static Path deployed;

    @BeforeAll
    static void connect(ServerProcess shared, AdminApi api) {
        server = shared;
        admin = api;
        deployed = server.setup().deployDir().resolve("hello-connector.jar");
    }

    @AfterEach
    void undeploy() throws Exception {
        Files.deleteIfExists(deployed);
    }

    @Test
    void installUpdateAndRemoveThroughTheDeployFolder() throws Exception {
        Path v1 = Distribution.fixture("krenalis-fixture-hello-connector.jar");
        Path v2 = Distribution.fixture("krenalis-fixture-hello-connector-v2.jar");

        Files.copy(v1, deployed);
        JsonNode connectors = awaitWithinPromise("v1 listed active", list -> hello(list).stream()
                .anyMatch(c -> c.path("state").asText().equals("active") && c.path("version").asText().equals("1.0.0")));
        JsonNode v1Entry = only(connectors);
        assertEquals("Hello 1", v1Entry.path("name").asText(), connectors::toString);
        long bundleId = v1Entry.path("bundle").path("id").asLong();

        Files.copy(v2, deployed, StandardCopyOption.REPLACE_EXISTING);
        connectors = awaitWithinPromise("v2 listed active", list -> hello(list).stream()
                .anyMatch(c -> c.path("state").asText().equals("active") && c.path("version").asText().equals("2.0.0")));
        JsonNode v2Entry = only(connectors);
        assertEquals("Hello 2", v2Entry.path("name").asText(), connectors::toString);
        assertEquals(bundleId, v2Entry.path("bundle").path("id").asLong(), "an overwrite updates the bundle in place");

        Files.delete(deployed);
        awaitWithinPromise("hello gone", list -> hello(list).isEmpty());

        JsonNode after = admin.get("/v1/connectors").expect(200).json().path("connectors");
        assertTrue(elements(after).anyMatch(c -> c.path("code").asText().equals("faker")
                && c.path("state").asText().equals("active")), () -> "faker suffered from the hot deployment: " + after);
    }

    /** Polls GET /v1/connectors until the condition holds; fails if that takes longer than promised. */
    private static JsonNode awaitWithinPromise(String what, Predicate<JsonNode> condition) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + PATIENCE.toNanos();
        Set<String> seen = new LinkedHashSet<>(); // what a client polling meanwhile was told, for the record
        JsonNode list;
        do {
            list = admin.get("/v1/connectors").expect(200).json().path("connectors");
            elements(list).filter(c -> c.path("bundle").path("symbolicName").asText().equals(SYMBOLIC_NAME))
                    .forEach(c -> seen.add(describe(c)));
            if (condition.test(list)) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                System.out.println("hot deployment: " + what + " after " + took.toMillis() + " ms; listed meanwhile: " + seen);
                JsonNode last = list;
                assertTrue(took.compareTo(PROMISED) <= 0, () -> what + " took " + took.toMillis() + " ms, more than "
                        + PROMISED.toMillis() + " ms: " + last);
                return list;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": not within " + PATIENCE.toSeconds() + " s; listed meanwhile: " + seen
                + "; connectors: " + list);
    }

    private static String describe(JsonNode c) {
        String failure = c.path("failure").isNull() ? "" : " (" + c.path("failure").asText() + ")";
        return c.path("code").asText() + " " + c.path("version").asText() + " " + c.path("state").asText() + failure;
    }

    private static List<JsonNode> hello(JsonNode connectors) {
        return elements(connectors).filter(c -> c.path("code").asText().equals("hello")).toList();
    }

    private static JsonNode only(JsonNode connectors) {
        List<JsonNode> hello = hello(connectors);
        assertEquals(1, hello.size(), () -> "expected one hello connector: " + connectors);
        return hello.get(0);
    }
}
