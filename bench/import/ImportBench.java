import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Batch import throughput: users from a PostgreSQL table and from a CSV file, through a real server (its embedded
 * PostgreSQL as warehouse, a fixed heap), into identities. The source data is made before the clock starts; the clock
 * is the run's own, from its start to its end as the server records them. Each source is imported twice: a first
 * run into an empty identities table, then a second full run of the same rows (nothing changes: every row is compared, none rewritten or removed),
 * then, for the database and the file, a third after every row changed (a new email and a later update time).
 *
 * <pre>java -cp postgresql.jar bench/import/ImportBench.java [--users 1000000] [--heap 512m] [--jar krenalis.jar]
 *     [--sources postgresql,csv] [--warmup 200000] [--keep]</pre>
 *
 * Before a source's measured runs, {@code --warmup} other users are imported through another pipeline of the same
 * connector, so that the figures are a server's in service, not one whose JIT compiler is still at work.
 *
 * Prints the machine, the settings, and a Markdown table. Linux only (it reads {@code /proc}).
 */
public final class ImportBench {
    private static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    private static final String[] FIRST = {"Ada", "Zoë", "Bob", "Kim", "Eve", "Nia", "Luca", "Sofia", "Omar", "Mei"};
    private static final String[] LAST = {"Lovelace", "O'Brien", "Rossi", "Müller", "Tanaka", "García", "Smith", "Ng"};

    public static void main(String[] args) throws Exception {
        int users = 1_000_000;
        String heap = "512m";
        Path jar = Path.of("runtime/distribution/target/krenalis/krenalis.jar");
        List<String> sources = List.of("postgresql", "csv");
        boolean keep = false;
        int warmup = 200_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(args[++i]);
                case "--heap" -> heap = args[++i];
                case "--jar" -> jar = Path.of(args[++i]);
                case "--sources" -> sources = List.of(args[++i].split(","));
                case "--keep" -> keep = true;
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ImportBench [--users N] [--heap 512m] [--jar krenalis.jar] "
                            + "[--sources postgresql,csv] [--warmup 200000] [--keep]");
                    System.exit(2);
                }
            }
        }
        machine();
        Path root = Files.createTempDirectory("krenalis-import-bench");
        Path files = Files.createDirectories(root.resolve("files"));
        Server server = Server.start(jar.toAbsolutePath(), heap, root);
        try {
            System.out.printf("%nServer: java -Xmx%s -jar %s (pid %d), embedded PostgreSQL on %d%n", heap, jar,
                    server.process.pid(), server.postgresPort);
            Admin admin = new Admin(server.httpPort);
            List<String[]> table = new ArrayList<>();
            for (String source : sources) {
                if (warmup > 0 && !source.equals("faker")) {
                    // A server just started runs its first import with the JIT compiler still at work (half a core
                    // during the first 10 s); a server in service has compiled its import path long ago. The warm-up
                    // imports other users through another pipeline of the same connector first.
                    long warm = source.equals("postgresql") ? postgresPipeline(admin, server, "warmup_users", "warm-", warmup)
                            : csvPipeline(admin, files, "warmup_users.csv", "warm-", warmup);
                    Run run = admin.run(warm, server);
                    if (!"succeeded".equals(run.state)) {
                        throw new IllegalStateException(source + " warm-up run " + run.id + ": " + run.state + " (" + run.error + ")");
                    }
                    table.add(row(source, "warm-up: another pipeline's first load, " + String.format("%,d", warmup)
                            + " other users (not the figure)", run));
                    System.out.printf("  %s, warm-up: %,d rows in %.1f s%n", source, run.written, run.seconds);
                    admin.delete("/v1/pipelines/" + warm);
                }
                long made = System.nanoTime();
                long pipeline = switch (source) {
                    case "postgresql" -> postgresPipeline(admin, server, "users", "user-", users);
                    case "csv" -> csvPipeline(admin, files, "users.csv", "user-", users);
                    case "faker" -> admin.id(admin.post("/v1/pipelines", "{\"connection\":" + admin.id(admin.post(
                            "/v1/connections", "{\"name\":\"Bench Faker\",\"role\":\"source\",\"connector\":\"faker\","
                                    + "\"settings\":{\"count\":" + users + "}}")) + ",\"name\":\"Fake users\",\"target\":\"users\"}"));
                    default -> throw new IllegalArgumentException("unknown source " + source);
                };
                System.out.printf("%s: %,d users made in %.1f s%n", source, users, (System.nanoTime() - made) / 1e9);
                List<String> passes = new ArrayList<>(List.of("into empty identities", "again (same rows, nothing changes)"));
                if (!source.equals("faker")) {
                    passes.add("again (every row changed)");
                }
                for (String pass : passes) {
                    if (pass.equals("again (every row changed)")) {
                        long changing = System.nanoTime();
                        if (source.equals("postgresql")) {
                            try (Connection c = server.database("bench_source"); Statement st = c.createStatement()) {
                                st.execute("UPDATE users SET email = 'new.' || email, updated_at = updated_at + interval '1 day'");
                                st.execute("VACUUM ANALYZE users");
                            }
                        } else {
                            writeCsv(files, "users.csv", "user-", users, "new.", 86_400);
                        }
                        System.out.printf("%s: every user changed in %.1f s%n", source, (System.nanoTime() - changing) / 1e9);
                    }
                    Run run = admin.run(pipeline, server);
                    if (!"succeeded".equals(run.state) || run.written != users) {
                        throw new IllegalStateException(source + " run " + run.id + ": " + run.state + ", " + run.written
                                + " written of " + users + " (" + run.error + "); see " + root.resolve("server.log"));
                    }
                    table.add(row(source, pass, run));
                    System.out.printf("  %s, %s: %,d rows in %.1f s%n", source, pass, run.written, run.seconds);
                }
                admin.delete("/v1/pipelines/" + pipeline);
            }
            System.out.printf("%n| source | run | rows | time | rows/s | server peak RSS (VmHWM) |%n|---|---|---|---|---|---|%n");
            for (String[] row : table) {
                System.out.println("| " + String.join(" | ", row) + " |");
            }
            System.out.printf("%nTarget: ≥ 100,000 rows/s on 2 cores. Heap: -Xmx%s (a run that needed more would have "
                    + "failed with OutOfMemoryError: %s).%n", heap, server.logMentions("OutOfMemoryError") ? "it did" : "none");
        } finally {
            server.stop();
            if (keep) {
                System.out.println("kept " + root);
            } else {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** A table {@code table} of {@code users} users whose ids start with {@code prefix}, and a pipeline reading it. */
    private static long postgresPipeline(Admin admin, Server server, String table, String prefix, int users) throws Exception {
        try (Connection c = server.database("postgres"); Statement st = c.createStatement()) {
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'bench_source'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE bench_source");
                }
            }
        }
        try (Connection c = server.database("bench_source"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + table);
            st.execute("CREATE TABLE " + table + " (id text PRIMARY KEY, email text, first_name text, last_name text, phone text, "
                    + "updated_at timestamptz NOT NULL)");
            st.execute("INSERT INTO " + table + " SELECT '" + prefix + "' || n, 'user' || n || '@example.com', (ARRAY" + sqlArray(FIRST)
                    + ")[1 + n % " + FIRST.length + "], (ARRAY" + sqlArray(LAST) + ")[1 + n % " + LAST.length
                    + "], '+1415555' || lpad((n % 10000)::text, 4, '0'), timestamptz '2026-01-01 00:00:00+00' + n * interval '1 second' "
                    + "FROM generate_series(1, " + users + ") AS n");
            st.execute("VACUUM ANALYZE " + table);
        }
        long connection = admin.id(admin.post("/v1/connections", "{\"name\":\"Bench PostgreSQL " + table + "\",\"role\":\"source\","
                + "\"connector\":\"postgresql\",\"settings\":{\"host\":\"127.0.0.1\",\"port\":" + server.postgresPort
                + ",\"database\":\"bench_source\",\"username\":\"postgres\",\"sslMode\":\"disable\"}}"));
        return admin.id(admin.post("/v1/pipelines", "{\"connection\":" + connection + ",\"name\":\"Table " + table + "\","
                + "\"target\":\"users\",\"source\":{\"query\":\"SELECT * FROM " + table + "\",\"identityColumn\":\"id\","
                + "\"updatedAtColumn\":\"updated_at\"}}"));
    }

    private static void writeCsv(Path files, String file, String prefix, int users, String emailPrefix, long shiftSeconds)
            throws IOException {
        Instant base = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(shiftSeconds);
        try (BufferedWriter w = Files.newBufferedWriter(files.resolve(file), StandardCharsets.UTF_8)) {
            w.write("id,email,first_name,last_name,phone,updated_at\n");
            for (int n = 1; n <= users; n++) {
                String last = LAST[n % LAST.length];
                w.write(prefix + n + "," + emailPrefix + "user" + n + "@example.com," + FIRST[n % FIRST.length] + ","
                        + (last.indexOf('\'') >= 0 ? "\"" + last + "\"" : last) + ",+1415555"
                        + String.format(Locale.ROOT, "%04d", n % 10000) + "," + base.plusSeconds(n) + "\n");
            }
        }
    }

    private static long csvPipeline(Admin admin, Path files, String file, String prefix, int users) throws Exception {
        writeCsv(files, file, prefix, users, "", 0);
        long connection = admin.id(admin.post("/v1/connections", "{\"name\":\"Bench files " + file + "\",\"role\":\"source\","
                + "\"connector\":\"filesystem\",\"settings\":{\"root\":\"" + files.toAbsolutePath() + "\"}}"));
        return admin.id(admin.post("/v1/pipelines", "{\"connection\":" + connection + ",\"name\":\"File " + file + "\","
                + "\"target\":\"users\",\"source\":{\"path\":\"" + file + "\",\"format\":\"csv\",\"identityColumn\":\"id\","
                + "\"updatedAtColumn\":\"updated_at\"}}"));
    }

    /** A line of the summary table. */
    private static String[] row(String source, String pass, Run run) {
        return new String[] {source, pass, String.format("%,d", run.written), String.format("%.1f s", run.seconds),
                String.format("%,.0f", run.written / run.seconds), String.format("%,d MB", run.peakRssKb / 1024)};
    }

    private static String sqlArray(String[] values) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ",").append('\'').append(values[i].replace("'", "''")).append('\'');
        }
        return sb.append(']').toString();
    }

    private static void machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        String mem = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        String loadavg = Files.readString(Path.of("/proc/loadavg")).trim();
        System.out.printf("Machine: %d cores (%s), %s, load average %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                cpu, mem, loadavg, System.getProperty("java.version"));
    }

    record Run(long id, String state, long written, double seconds, String error, long peakRssKb) {
    }

    /** The admin API, as a client would use it. */
    static final class Admin {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String base;

        Admin(int port) {
            this.base = "http://127.0.0.1:" + port;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + ADMIN_KEY)
                    .header("Krenalis-Workspace", "1").header("Content-Type", "application/json");
        }

        String post(String path, String json) throws IOException, InterruptedException {
            return expect(http.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString()), "POST " + path);
        }

        String get(String path) throws IOException, InterruptedException {
            return expect(http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()), "GET " + path);
        }

        void delete(String path) throws IOException, InterruptedException {
            expect(http.send(request(path).DELETE().build(), HttpResponse.BodyHandlers.ofString()), "DELETE " + path);
        }

        private static String expect(HttpResponse<String> r, String what) {
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        long id(String json) {
            return Long.parseLong(field(json, "\"id\"\\s*:\\s*(\\d+)"));
        }

        Run run(long pipeline, Server server) throws Exception {
            long id = id(post("/v1/pipelines/" + pipeline + "/runs", ""));
            String json;
            do {
                Thread.sleep(250);
                json = get("/v1/pipelines/runs/" + id);
            } while (json.contains("\"state\":\"running\""));
            Instant started = Instant.parse(field(json, "\"startedAt\"\\s*:\\s*\"([^\"]+)\""));
            Instant ended = Instant.parse(field(json, "\"endedAt\"\\s*:\\s*\"([^\"]+)\""));
            Matcher error = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            return new Run(id, field(json, "\"state\"\\s*:\\s*\"([^\"]+)\""),
                    Long.parseLong(field(json, "\"written\"\\s*:\\s*(\\d+)")),
                    Duration.between(started, ended).toNanos() / 1e9, error.find() ? error.group(1) : null, server.peakRssKb());
        }

        private static String field(String json, String regex) {
            Matcher m = Pattern.compile(regex).matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("unexpected answer: " + json);
            }
            return m.group(1);
        }
    }

    /** The server in a process of its own, on free ports, with its data in the benchmark's directory. */
    static final class Server {
        final Process process;
        final int httpPort;
        final int postgresPort;
        final Path root;

        private Server(Process process, int httpPort, int postgresPort, Path root) {
            this.process = process;
            this.httpPort = httpPort;
            this.postgresPort = postgresPort;
            this.root = root;
        }

        static Server start(Path jar, String heap, Path root) throws Exception {
            int[] ports = new int[2];
            for (int i = 0; i < 2; i++) {
                try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                    ports[i] = s.getLocalPort();
                }
            }
            Path log = root.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, "-jar", jar.toString()).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("KRENALIS_"));
            pb.environment().putAll(Map.of("KRENALIS_HTTP_HOST", "127.0.0.1", "KRENALIS_HTTP_PORT", Integer.toString(ports[0]),
                    "KRENALIS_EMBEDDED_PORT", Integer.toString(ports[1]), "KRENALIS_DATA_DIR", root.resolve("data").toString(),
                    "KRENALIS_DEPLOY_DIR", root.resolve("deploy").toString(), "KRENALIS_ADMIN_KEY", ADMIN_KEY));
            Server server = new Server(pb.start(), ports[0], ports[1], root);
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (true) {
                if (!server.process.isAlive()) {
                    throw new IllegalStateException("the server exited:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    server.stop();
                    throw new IllegalStateException("not healthy within 180 s; see " + log);
                }
                try {
                    if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/v1/health")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return server;
                    }
                } catch (IOException notYet) {
                    // retry
                }
                Thread.sleep(100);
            }
        }

        Connection database(String name) throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + name, "postgres", "");
        }

        long peakRssKb() throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return -1;
        }

        boolean logMentions(String text) throws IOException {
            return Files.readString(root.resolve("server.log")).contains(text);
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
