package com.krenalis.itests.sdkcompat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real server for the SDKs to talk to: {@code java -jar krenalis.jar} of the built distribution in its own process,
 * on a fresh data dir under {@code target/} and free loopback ports, with its output in {@code target/sdk-logs}. It
 * generates and prints an admin key on this first start; {@link #adminKey} is that key.
 */
final class KrenalisServer implements AutoCloseable {
    private static final Pattern ADMIN_KEY = Pattern.compile("Admin API key \\(shown once; store it now\\): (\\S+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private final int httpPort;
    private final int embeddedPort;
    private String adminKey;

    private KrenalisServer(Process process, Path dataDir, Path log, int httpPort, int embeddedPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
        this.httpPort = httpPort;
        this.embeddedPort = embeddedPort;
    }

    /** Starts the server on an emptied {@code root} and waits until {@code GET /v1/health} answers 200. */
    static KrenalisServer start(Path root, Duration timeout) {
        Path jar = folder("krenalis.distribution.dir", "../../runtime/distribution/target/krenalis").resolve("krenalis.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server at " + jar + ": build it first (mvn -pl runtime/distribution -am install)");
        }
        deleteRecursively(root);
        Path logs = folder("sdk.logs.dir", "target/sdk-logs");
        try (ServerSocket http = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket embedded = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Files.createDirectories(logs);
            Path log = logs.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString())
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("KRENALIS_"));
            pb.environment().put("KRENALIS_HTTP_HOST", "127.0.0.1");
            pb.environment().put("KRENALIS_HTTP_PORT", Integer.toString(http.getLocalPort()));
            pb.environment().put("KRENALIS_EMBEDDED_PORT", Integer.toString(embedded.getLocalPort()));
            pb.environment().put("KRENALIS_DATA_DIR", root.resolve("data").toString());
            pb.environment().put("KRENALIS_DEPLOY_DIR", root.resolve("deploy").toString());
            int httpPort = http.getLocalPort();
            int embeddedPort = embedded.getLocalPort();
            http.close();
            embedded.close();
            KrenalisServer server = new KrenalisServer(pb.start(), root.resolve("data"), log, httpPort, embeddedPort);
            // A test JVM that dies or is interrupted must not leave the server (or its PostgreSQL) behind.
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.awaitHealthy(timeout);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** The metadata database of the embedded PostgreSQL, where the event log is. */
    String metadataJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + embeddedPort + "/krenalis";
    }

    String adminKey() {
        return adminKey;
    }

    /** The last lines of the server's output, framed, for failure messages. */
    String logTail(int lines) {
        try {
            var all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "----- server log " + log + " (last " + lines + " lines) -----\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()))
                    + "\n----- end of server log -----";
        } catch (IOException e) {
            return "(server log unreadable: " + e + ")";
        }
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(baseUri().resolve("/v1/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the server exited with code " + process.exitValue() + " before it was healthy\n"
                        + logTail(80));
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    Matcher m = ADMIN_KEY.matcher(Files.readString(log, StandardCharsets.UTF_8));
                    if (!m.find()) {
                        throw new AssertionError("the first start printed no admin key\n" + logTail(80));
                    }
                    adminKey = m.group(1);
                    return;
                }
            } catch (IOException notListeningYet) {
                // retried below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            pause(100);
        }
        close();
        throw new AssertionError("the server was not healthy within " + timeout.toSeconds() + " s\n" + logTail(80));
    }

    /** SIGTERM (kill -9 after 30 s), then the embedded PostgreSQL if the server left it running. */
    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Optional<ProcessHandle> postgres = postmaster();
            if (postgres.isPresent()) {
                postgres.get().destroy();
                postgres.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("could not stop the server's PostgreSQL: " + e);
        }
    }

    /** The embedded PostgreSQL's postmaster, by the pid in its pid file (its first line), if it still runs. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            return lines.findFirst().map(String::trim).filter(s -> s.matches("\\d+"))
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid))).filter(ProcessHandle::isAlive);
        }
    }

    private static Path folder(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "server pid " + process.pid() + " at " + baseUri();
    }
}
