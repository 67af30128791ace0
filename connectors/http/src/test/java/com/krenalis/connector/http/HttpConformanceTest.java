package com.krenalis.connector.http;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.FileStorageConformance;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The shared suite against an in-test HTTP server serving a temporary directory. */
class HttpConformanceTest extends FileStorageConformance {
    @TempDir
    Path dir;
    FileServer server;
    final HttpConnector connector = new HttpConnector();

    @BeforeEach
    void start() throws Exception {
        server = new FileServer(dir);
        server.requiredAuthorization = "Bearer conformance-token";
    }

    @AfterEach
    void stop() {
        server.close();
        connector.deactivate();
    }

    @Override
    protected Connector connector() {
        return connector;
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("baseUrl", server.url("/files/"), "authorization", "Bearer conformance-token", "timeoutSeconds", 5);
    }

    /** A port nothing listens on: bound, then released. */
    @Override
    protected Map<String, Object> unreachableSettings() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Map.of("baseUrl", "http://127.0.0.1:" + socket.getLocalPort() + "/files/",
                    "authorization", "Bearer conformance-token");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("baseUrl", "ftp://example.com/files/");
    }

    @Override
    protected String invalidField() {
        return "baseUrl";
    }

    @Override
    protected void put(String path, byte[] content) throws Exception {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    @Override
    protected boolean listable() {
        return false;
    }

    @Override
    protected boolean writable() {
        return false;
    }
}
