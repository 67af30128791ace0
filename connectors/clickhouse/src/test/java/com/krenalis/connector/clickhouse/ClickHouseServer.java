package com.krenalis.connector.clickhouse;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A clickhouse-server process of the test's own: a minimal configuration in a temporary folder, ephemeral ports on
 * the loopback address, stopped and deleted by {@link #close()}. The binary is {@code $CLICKHOUSE_BINARY}, or the
 * first of the usual install paths that exists.
 */
final class ClickHouseServer implements AutoCloseable {
    static final String PASSWORD = "conformance-pw";
    private static final List<String> INSTALL_PATHS = List.of("/usr/bin/clickhouse", "/usr/bin/clickhouse-server",
            "/usr/sbin/clickhouse-server");

    private final Path home;
    private final Process process;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ClickHouseServer(Path binary) throws IOException {
        home = Files.createTempDirectory("krenalis-clickhouse-");
        httpPort = freePort();
        int tcpPort = freePort();
        Files.writeString(home.resolve("config.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <logger><level>warning</level><log>%1$s/server.log</log><errorlog>%1$s/error.log</errorlog></logger>
                  <listen_host>127.0.0.1</listen_host>
                  <http_port>%2$d</http_port>
                  <tcp_port>%3$d</tcp_port>
                  <path>%1$s/data/</path>
                  <tmp_path>%1$s/tmp/</tmp_path>
                  <user_files_path>%1$s/user_files/</user_files_path>
                  <format_schema_path>%1$s/format_schemas/</format_schema_path>
                  <mark_cache_size>5368709120</mark_cache_size>
                  <users_config>users.xml</users_config>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <timezone>UTC</timezone>
                </yandex>
                """.formatted(home, httpPort, tcpPort));
        Files.writeString(home.resolve("users.xml"), """
                <?xml version="1.0"?>
                <yandex>
                  <profiles><default/></profiles>
                  <users><default><password>%s</password><networks><ip>127.0.0.1</ip></networks>
                    <profile>default</profile><quota>default</quota></default></users>
                  <quotas><default/></quotas>
                </yandex>
                """.formatted(PASSWORD));
        List<String> command = binary.getFileName().toString().equals("clickhouse")
                ? List.of(binary.toString(), "server", "--config-file=" + home.resolve("config.xml"))
                : List.of(binary.toString(), "--config-file=" + home.resolve("config.xml"));
        process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile()).start();
    }

    /** The installed binary, or null. */
    static Path binary() {
        String configured = System.getenv("CLICKHOUSE_BINARY");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        return INSTALL_PATHS.stream().map(Path::of).filter(Files::isExecutable).findFirst().orElse(null);
    }

    /** Starts a server and waits until it answers (at most a minute). */
    static ClickHouseServer start(Path binary) throws Exception {
        ClickHouseServer server = new ClickHouseServer(binary);
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            try {
                server.sql("SELECT 1");
                return server;
            } catch (IOException notYet) {
                if (!server.process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.readString(server.home.resolve("console.log"));
                    server.close();
                    throw new IllegalStateException("clickhouse-server did not start: " + log, notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    int httpPort() {
        return httpPort;
    }

    /** The server's version as numbers, e.g. [24, 8, 1, 1]. */
    int[] version() throws Exception {
        return Stream.of(sql("SELECT version()").strip().split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    /** Runs one statement as the administrator; returns the body. */
    String sql(String statement) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/?user=default&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(statement)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse refused " + statement + ": " + response.body());
        }
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
