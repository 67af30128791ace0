package com.krenalis.itests.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM drains: a request in flight when the signal arrives still gets its whole answer before the server exits.
 * The slow request is a workspace creation whose warehouse check connects to a local socket that accepts and never
 * answers, so the check runs until its connect timeout.
 */
@ExtendWith(ServerLogs.class)
class ShutdownDrainIT {
    private static final String KEY = "drain-test-admin-key-0123456789";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path root;

    @Test
    void aRequestInFlightCompletesAfterSigterm() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ServerProcess server = ServerProcess.start("drain", ServerSetup.fresh(root).with("KRENALIS_ADMIN_KEY", KEY))) {
            Thread acceptor = new Thread(() -> {
                while (!blackHole.isClosed()) {
                    try {
                        held.add(blackHole.accept());
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            server.waitHealthy(SharedServer.START_TIMEOUT);

            AdminApi admin = server.api(KEY);
            long t0 = System.nanoTime();
            CompletableFuture<ApiResponse> slow = CompletableFuture.supplyAsync(() -> admin.post("/v1/workspaces",
                    Map.of("name", "Slow", "warehouse", Map.of("driver", "postgresql", "settings", Map.of(
                            "host", "127.0.0.1", "port", blackHole.getLocalPort(), "database", "x", "user", "u",
                            "schema", "slow", "connectTimeoutSeconds", 4)))));
            Thread.sleep(1_500); // the request is now waiting on the black hole
            assertTrue(!slow.isDone(), "the request should still be in flight");
            int exit = server.stop(Duration.ofSeconds(40));

            ApiResponse answer = slow.get(1, TimeUnit.SECONDS);
            long elapsedMillis = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("in-flight request answered after " + elapsedMillis + " ms; server exit code " + exit);
            assertEquals(400, answer.status(), answer::toString);
            assertEquals("warehouse", answer.json().path("error").path("fields").path(0).path("field").asText(), answer::toString);
            assertTrue(elapsedMillis >= 3_000, "the answer came after the connect timeout, not cut short: " + elapsedMillis + " ms");
            assertTrue(RestartIT.CLEAN_EXIT_CODES.contains(exit), () -> "exit code " + exit + "\n" + server.logForHumans());
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
