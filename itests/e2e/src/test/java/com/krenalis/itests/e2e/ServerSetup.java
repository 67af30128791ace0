package com.krenalis.itests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where one server runs: its folders, its ports, and the {@code KRENALIS_*} environment it is started with. Reused
 * unchanged for a restart, so the second process finds the first one's data on the same ports.
 *
 * @param environment extra variables; they win over the ones derived from the other fields
 */
record ServerSetup(Path dataDir, Path deployDir, int httpPort, int embeddedPort, Map<String, String> environment) {

    ServerSetup {
        environment = Map.copyOf(environment);
    }

    /** Fresh folders under {@code root} (not created: the server creates them) and two free ports. */
    static ServerSetup fresh(Path root) {
        // Both sockets are held open together so that the two ports differ.
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket embedded = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new ServerSetup(root.resolve("data"), root.resolve("deploy"), http.getLocalPort(),
                    embedded.getLocalPort(), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same setup with one more environment variable. */
    ServerSetup with(String name, String value) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put(name, value);
        return new ServerSetup(dataDir, deployDir, httpPort, embeddedPort, env);
    }

    /** Every variable the server process gets from us; all other {@code KRENALIS_*} variables are removed. */
    Map<String, String> processEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KRENALIS_HTTP_HOST", "127.0.0.1");
        env.put("KRENALIS_HTTP_PORT", Integer.toString(httpPort));
        env.put("KRENALIS_EMBEDDED_PORT", Integer.toString(embeddedPort));
        env.put("KRENALIS_DATA_DIR", dataDir.toString());
        env.put("KRENALIS_DEPLOY_DIR", deployDir.toString());
        env.putAll(environment);
        return env;
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The embedded PostgreSQL's pid file, present while it runs. */
    Path postmasterPid() {
        return dataDir.resolve("postgres").resolve("postmaster.pid");
    }
}
