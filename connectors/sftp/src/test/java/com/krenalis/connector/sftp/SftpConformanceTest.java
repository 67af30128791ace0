package com.krenalis.connector.sftp;

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

/** The shared suite against an in-test MINA SSHD server, its root a directory below the user's home. */
class SftpConformanceTest extends FileStorageConformance {
    @TempDir
    Path home;
    TestSshServer server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(home.resolve("data"));
        server = new TestSshServer(home);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Override
    protected Connector connector() {
        return new SftpConnector();
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("host", "127.0.0.1", "port", server.port(), "username", TestSshServer.USER,
                "password", TestSshServer.PASSWORD, "root", "data");
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Map.of("host", "127.0.0.1", "port", socket.getLocalPort(), "username", TestSshServer.USER,
                    "password", TestSshServer.PASSWORD);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("host", "127.0.0.1", "port", 70000, "username", "u", "password", "p");
    }

    @Override
    protected String invalidField() {
        return "port";
    }

    @Override
    protected void put(String path, byte[] content) throws Exception {
        Path file = home.resolve("data").resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }
}
