package com.krenalis.connector.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpConnectorTest {
    private static final String TOKEN = "Bearer s3cr3t-t0ken";

    @TempDir
    Path dir;
    FileServer server;
    final HttpConnector connector = new HttpConnector();

    @BeforeEach
    void start() throws Exception {
        server = new FileServer(dir);
        Files.writeString(dir.resolve("a.csv"), "id\n1\n");
    }

    @AfterEach
    void stop() {
        server.close();
        connector.deactivate();
    }

    private Settings settings(String baseUrl, String authorization, int timeoutSeconds) throws Exception {
        Map<String, Object> raw = new HashMap<>(Map.of("baseUrl", baseUrl, "timeoutSeconds", timeoutSeconds));
        if (authorization != null) {
            raw.put("authorization", authorization);
        }
        return connector.spec().settings().validate(raw);
    }

    private String read(Settings settings, String path) throws Exception {
        try (InputStream in = connector.open(settings, path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theAuthorizationHeaderIsSentAndNeverEchoed() throws Exception {
        server.requiredAuthorization = TOKEN;
        assertEquals("id\n1\n", read(settings(server.url("/files/"), TOKEN, 5), "a.csv"));
        assertEquals(List.of(TOKEN), server.authorizations);

        Settings wrong = settings(server.url("/files/"), "Bearer wrong-token", 5);
        ConnectorException e = assertThrows(ConnectorException.class, () -> read(wrong, "a.csv"));
        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("a.csv"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-token"), e.getMessage());
        CheckResult check = connector.check(wrong, Duration.ofSeconds(5));
        assertFalse(check.ok());
        assertEquals("authorization", check.field());
        assertFalse(check.message().contains("wrong-token"), check.message());
        assertTrue(connector.check(settings(server.url("/files/"), TOKEN, 5), Duration.ofSeconds(5)).ok());
    }

    @Test
    void eachSegmentIsPercentEncoded() throws Exception {
        Files.createDirectories(dir.resolve("a b"));
        Files.writeString(dir.resolve("a b/100%+é.csv"), "odd");
        assertEquals("odd", read(settings(server.url("/files"), null, 5), "a b/100%+é.csv"));
        assertEquals("/files/a%20b/100%25%2B%C3%A9.csv", server.rawPaths.get(0));
    }

    @Test
    void redirectsAreFollowedOnlyToTheSameOrigin() throws Exception {
        server.server.createContext("/moved/", exchange -> {
            String rest = exchange.getRequestURI().getRawPath().substring("/moved/".length());
            exchange.getResponseHeaders().add("Location", "/files/" + rest);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.server.createContext("/elsewhere/", exchange -> {
            // Same server, but named "localhost": another host as far as credentials go.
            exchange.getResponseHeaders().add("Location", "http://localhost:" + server.port() + "/files/a.csv");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.server.createContext("/loop/", exchange -> {
            exchange.getResponseHeaders().add("Location", exchange.getRequestURI().getRawPath() + "x");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        assertEquals("id\n1\n", read(settings(server.url("/moved/"), TOKEN, 5), "a.csv"));

        ConnectorException e = assertThrows(ConnectorException.class,
                () -> read(settings(server.url("/elsewhere/"), TOKEN, 5), "a.csv"));
        assertTrue(e.getMessage().contains("another host"), e.getMessage());
        assertEquals(List.of(TOKEN), server.authorizations, "the token went to the same origin only");

        e = assertThrows(ConnectorException.class, () -> read(settings(server.url("/loop/"), null, 5), "a.csv"));
        assertTrue(e.getMessage().contains("more than 5 redirects"), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersFailsWithinTheTimeout() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // accept, then say nothing
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Settings settings = settings("http://127.0.0.1:" + silent.getLocalPort() + "/", null, 1);
            long start = System.nanoTime();
            ConnectorException e = assertThrows(ConnectorException.class, () -> read(settings, "a.csv"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("did not answer within 1 s"), e.getMessage());
            assertTrue(millis < 3000, "took " + millis + " ms");

            start = System.nanoTime();
            CheckResult check = connector.check(settings(settings.requireString("baseUrl"), null, 30), Duration.ofSeconds(1));
            assertFalse(check.ok());
            assertEquals("baseUrl", check.field());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 3000, "check honours its own timeout");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatStallsFailsWithinTheTimeout() throws Exception {
        server.server.createContext("/stall/", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[10]);
            out.flush();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        InputStream in = connector.open(settings(server.url("/stall/"), null, 1), "big.csv");
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class, in::readAllBytes);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(e.getMessage().contains("no data for 1 s while sending big.csv"), e.getMessage());
        assertTrue(millis < 3000, "took " + millis + " ms");
        in.close();
    }

    @Test
    void aLargeBodyIsStreamed() throws Exception {
        byte[] content = new byte[4 << 20];
        new java.util.Random(3).nextBytes(content);
        Files.write(dir.resolve("big.bin"), content);
        try (InputStream in = connector.open(settings(server.url("/files/"), null, 5), "big.bin")) {
            byte[] first = in.readNBytes(1000);
            assertArrayEquals(java.util.Arrays.copyOf(content, 1000), first);
            assertEquals(content.length - 1000, in.skip(content.length));
        }
    }

    @Test
    void baseUrlsThatCouldLeakOrMisleadAreRefused() throws Exception {
        for (String url : List.of("http://user:pw@example.com/", "https://example.com/x?token=1", "https://example.com/#f",
                "http:///nohost")) {
            List<FieldError> errors = connector.validate(settings(url, null, 5));
            assertEquals(1, errors.size(), url);
            assertEquals("baseUrl", errors.get(0).field());
            assertFalse(errors.get(0).message().contains("pw"), errors.get(0).message());
        }
        assertEquals(List.of(), connector.validate(settings("HTTPS://example.com", null, 5)));
        assertEquals("authorization", connector.validate(settings("https://example.com/", "Bearer a\u0007b", 5))
                .get(0).field());
        assertEquals("https://example.com/dir/a%2Fb", BaseUrl.parse("https://example.com/dir")
                .resolve(new com.krenalis.connector.storage.paths.StoragePath(List.of("a/b"))).toString(),
                "a segment is encoded whole, even if it held a slash");
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        BaseUrl base = BaseUrl.parse("https://Example.com/data/");
        assertTrue(base.sameOrigin(java.net.URI.create("https://example.com:443/other")));
        assertFalse(base.sameOrigin(java.net.URI.create("http://example.com/data/")), "https to http");
        assertFalse(base.sameOrigin(java.net.URI.create("https://example.com:8443/data/")));
        assertFalse(base.sameOrigin(java.net.URI.create("https://example.com.evil.org/data/")));
    }
}
