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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JavaScript engine that the distribution ships in {@code bundles/engines} is listed by
 * {@code GET /v1/transformation-languages}; removing its jar from that folder while the server runs removes the
 * language, and putting the jar back brings it back, twice in a row (a second GraalJS in a fresh bundle class loader).
 * Runs a server of its own on a copy of the distribution, since it changes the distribution's folders.
 */
@ExtendWith(ServerLogs.class)
class EngineHotDeployIT {
    /** The engine's activation creates a GraalJS engine: about a second on an idle machine, more under load. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String SYMBOLIC_NAME = "com.krenalis.transform.javascript";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void theShippedEngineIsListedAndCanBeRemovedAndPutBackWhileTheServerRuns() throws Exception {
        Path jar = Distribution.copyTo(root.resolve("dist"));
        Path engines = jar.getParent().resolve("bundles").resolve("engines");
        Path engineJar;
        try (Stream<Path> files = Files.list(engines)) {
            engineJar = files.filter(p -> p.getFileName().toString().startsWith("krenalis-transform-javascript-")).findFirst()
                    .orElseThrow(() -> new AssertionError("the distribution ships no JavaScript engine in " + engines));
        }
        Path aside = Files.createDirectories(root.resolve("aside")).resolve(engineJar.getFileName());

        try (ServerProcess server = ServerProcess.start("engine-hot-deploy", ServerSetup.fresh(root.resolve("server")), jar)) {
            server.waitHealthy(SharedServer.START_TIMEOUT);
            AdminApi admin = server.api(server.generatedAdminKey()
                    .orElseThrow(() -> new AssertionError("no generated key\n" + server.logForHumans())));

            JsonNode listed = await(admin, "javascript listed active at start-up", list -> javascript(list).stream()
                    .anyMatch(l -> l.path("state").asText().equals("active")));
            JsonNode entry = javascript(listed).get(0);
            assertTrue(entry.path("name").asText().startsWith("JavaScript (GraalJS "), entry::toString);
            assertEquals("MIT", entry.path("license").asText(), entry::toString);
            assertEquals(SYMBOLIC_NAME, entry.path("bundle").path("symbolicName").asText(), entry::toString);

            for (int round = 1; round <= 2; round++) {
                Files.move(engineJar, aside, StandardCopyOption.ATOMIC_MOVE);
                await(admin, "round " + round + ": javascript gone after its jar left bundles/engines",
                        list -> javascript(list).isEmpty());

                Files.move(aside, engineJar, StandardCopyOption.ATOMIC_MOVE);
                await(admin, "round " + round + ": javascript back after its jar returned", list -> javascript(list).stream()
                        .anyMatch(l -> l.path("state").asText().equals("active")));
            }

            admin.get("/v1/health").expect(200);
            JsonNode connectors = admin.get("/v1/connectors").expect(200).json().path("connectors");
            assertTrue(elements(connectors).anyMatch(c -> c.path("code").asText().equals("faker")
                    && c.path("state").asText().equals("active")), () -> "faker suffered: " + connectors);
        }
    }

    /** Polls GET /v1/transformation-languages until the condition holds, printing how long that took. */
    private static JsonNode await(AdminApi admin, String what, Predicate<JsonNode> condition) throws InterruptedException {
        long t0 = System.nanoTime();
        long deadline = t0 + PATIENCE.toNanos();
        Set<String> seen = new LinkedHashSet<>(); // what a client polling meanwhile was told, for the record
        JsonNode list;
        do {
            list = admin.get("/v1/transformation-languages").expect(200).json().path("transformationLanguages");
            javascript(list).forEach(l -> seen.add(l.path("state").asText()
                    + (l.path("failure").isNull() ? "" : " (" + l.path("failure").asText() + ")")));
            if (condition.test(list)) {
                System.out.println("engine hot deployment: " + what + " after "
                        + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms; listed meanwhile: " + seen);
                return list;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(what + ": not within " + PATIENCE.toSeconds() + " s; listed meanwhile: " + seen
                + "; languages: " + list);
    }

    private static List<JsonNode> javascript(JsonNode languages) {
        return elements(languages).filter(l -> l.path("code").asText().equals("javascript")).toList();
    }
}
