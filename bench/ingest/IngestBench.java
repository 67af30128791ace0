import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Ingestion throughput of the Krenalis collector: many connections post {@code /v1/batch} requests of 100 ~1 KB track
 * events to a real server (its embedded PostgreSQL, a fixed heap); a request counts only once answered 200, which the
 * collector sends after the events are committed. Then it checks that every acknowledged event is in {@code event_log},
 * and measures the limit: a raw {@code COPY} of as many rows of the same shape into the same database.
 *
 * <pre>java -cp postgresql-42.7.5.jar bench/ingest/IngestBench.java [--connections 32] [--warmup 40] [--duration 30]
 *     [--events 100] [--copy-batch 20000] [--heap 512m] [--jar krenalis.jar] [--server-opts "..."] [--keep]</pre>
 *
 * Prints the machine, the settings, and a Markdown table. Linux only (it reads {@code /proc}).
 */
public final class IngestBench {
    private static final String ADMIN_KEY = "bench-admin-key-0123456789abcdef";
    private static final String COPY_SQL =
            "COPY event_log (workspace_id, connection_id, message_id, received_at, event) FROM STDIN (FORMAT csv)";
    /** The collector's own dedup statement (EventLogWriter), for the "COPY + dedup" baseline. */
    private static final String DEDUP_SQL = "INSERT INTO event_message_keys (key) "
            + "SELECT * FROM unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING key";

    /** The command line. */
    static final class Options {
        static final String USAGE = "usage: IngestBench [--connections N] [--warmup SECONDS] [--duration SECONDS]"
                + " [--events PER_REQUEST] [--copy-batch ROWS] [--heap 512m] [--jar krenalis.jar]"
                + " [--server-opts \"JVM OPTIONS\"] [--keep]";

        int connections = 32;
        int warmupSeconds = 40;
        int durationSeconds = 30;
        int eventsPerRequest = 100;
        int copyBatch = 20_000; // the collector's largest group commit (EventLogConfig.maxEventsPerCommit)
        String heap = "512m";
        Path jar = Path.of("runtime/distribution/target/krenalis/krenalis.jar");
        List<String> serverOpts = List.of();
        boolean keep;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--keep")) {
                    o.keep = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(USAGE);
                }
                String v = args[++i];
                switch (a) {
                    case "--connections" -> o.connections = Integer.parseInt(v);
                    case "--warmup" -> o.warmupSeconds = Integer.parseInt(v);
                    case "--duration" -> o.durationSeconds = Integer.parseInt(v);
                    case "--events" -> o.eventsPerRequest = Integer.parseInt(v);
                    case "--copy-batch" -> o.copyBatch = Integer.parseInt(v);
                    case "--heap" -> o.heap = v;
                    case "--jar" -> o.jar = Path.of(v);
                    case "--server-opts" -> o.serverOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException(USAGE);
                }
            }
            if (o.connections < 1 || o.durationSeconds < 1 || o.warmupSeconds < 0 || o.eventsPerRequest < 1
                    || o.copyBatch < 1 || !o.heap.matches("\\d+[kmgKMG]?")) {
                throw new IllegalArgumentException(USAGE);
            }
            return o;
        }
    }

    /** What the load phase measured. */
    record Measured(long events, long requests, long[] latencies, String errors, CpuSnapshot before, CpuSnapshot after,
                    long start, long end) {
    }

    /** What the COPY baseline measured, with CPU snapshots before, between and after its two runs. */
    record Baseline(long rows, double copyRate, double dedupRate, CpuSnapshot c0, CpuSnapshot c1, CpuSnapshot c2) {
    }

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) { // NumberFormatException too
            System.err.println(Options.USAGE);
            System.exit(2);
            return;
        }
        Path jar = o.jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server at " + jar + ": build it (bench/ingest/run does) or pass --jar");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        System.out.println(Machine.describe(java));
        Path root = Files.createTempDirectory("krenalis-bench-ingest-");
        Server server = Server.start(java, jar, o, root);
        try {
            run(o, server);
        } finally {
            server.stop();
            if (o.keep) {
                System.out.println("\nKept the server's data and log in " + root);
            } else {
                delete(root);
            }
        }
    }

    private static void run(Options o, Server server) throws Exception {
        Source source = Source.create(server.httpPort);
        Events events = new Events(o.eventsPerRequest);
        System.out.printf("%nServer: %s%n  java %s -jar krenalis.jar (pid %d), KRENALIS_COLLECTOR_RATE_LIMIT=0%n",
                server.jar, String.join(" ", server.jvmOptions), server.process.pid());
        System.out.printf("Load: %d connections (java.net.http, HTTP/1.1, one client each), POST /v1/batch of %d track"
                        + " events, %d B per event on average as sent (%.0f kB per request), unique messageIds%n",
                o.connections, o.eventsPerRequest, events.averageEventBytes(), events.averageEventBytes()
                        * o.eventsPerRequest / 1000.0);
        System.out.printf("Phases: %d s warm-up, then %d s measured (a request counts if answered within the window)%n%n",
                o.warmupSeconds, o.durationSeconds);

        GcSampler gc = GcSampler.start(server.process.pid());
        Load load = new Load(server.httpPort, source.writeKey, events, o.connections);
        Measured m = measure(o, server, load);
        gc.stop();
        long peakRssKb = server.peakRssKb();
        long postgresPssKb = server.postgresPssKb();

        long acked = load.ackedTotal.sum();
        long rows;
        String loaderBacklog;
        try (Connection c = server.database()) {
            rows = count(c, "SELECT count(*) FROM event_log WHERE connection_id = " + source.connectionId);
            loaderBacklog = loaderBacklog(c, source.connectionId);
        }
        System.out.printf("%nDurability: %,d events acknowledged in all (warm-up included), %,d rows of this source in"
                + " event_log: %s%n", acked, rows, rows >= acked
                ? "OK" + (rows > acked ? " (" + (rows - acked) + " more rows, from requests not answered 200)" : "")
                : "FAILED, " + (acked - rows) + " acknowledged events are missing");
        System.out.println("Warehouse loader (part of the server, running during the load) at the end: " + loaderBacklog);
        double catchUp = awaitLoader(server, source.connectionId, Duration.ofSeconds(180));
        double loadSeconds = o.warmupSeconds + o.durationSeconds;
        System.out.println("  (the baseline waits for it, so that it does not compete with the COPY): " + (Double.isNaN(catchUp)
                ? "still behind after 180 s: the baseline runs beside it"
                : String.format("caught up %.1f s after the load%n  end to end into the warehouse: %,d events in %.0f s"
                        + " of load + %.1f s = %,.0f events/s (every event acknowledged and in the warehouse's events table)",
                        catchUp, acked, loadSeconds, catchUp, acked / (loadSeconds + catchUp))));

        Baseline b = baseline(o, server, source, m.events);

        double seconds = o.durationSeconds;
        double rate = m.events / seconds;
        double ratio = rate / b.copyRate;
        long[] lat = m.latencies;
        System.out.println("\n| measure | value |");
        System.out.println("|---|---|");
        System.out.printf("| events/s acknowledged (200, committed) | %,.0f |%n", rate);
        System.out.printf("| requests/s | %,.0f |%n", m.requests / seconds);
        System.out.printf("| latency p50 / p90 / p99 / max | %s / %s / %s / %s |%n", ms(pct(lat, 50)), ms(pct(lat, 90)),
                ms(pct(lat, 99)), ms(lat.length == 0 ? 0 : lat[lat.length - 1]));
        System.out.printf("| non-200 answers | %s |%n", m.errors.isEmpty() ? "none" : m.errors);
        System.out.printf("| acknowledged events in event_log | %,d of %,d%s |%n", Math.min(rows, acked), acked,
                rows >= acked ? " (all)" : " (MISSING SOME)");
        System.out.printf("| raw COPY rate (the limit) | %,.0f rows/s |%n", b.copyRate);
        System.out.printf("| dedup INSERT + COPY rate | %,.0f rows/s |%n", b.dedupRate);
        System.out.printf("| ratio acknowledged / raw COPY | %.2f |%n", ratio);
        System.out.printf("| ratio acknowledged / dedup INSERT + COPY | %.2f |%n", rate / b.dedupRate);
        System.out.printf("| server heap (-Xmx%s): peak used / old gen peak | %s |%n", o.heap, gc.summary());
        System.out.printf("| server GC in the measured window | %s |%n", gc.windowSummary(m.start, m.end));
        System.out.printf("| server JVM peak RSS (VmHWM) | %,d MB |%n", peakRssKb / 1024);
        System.out.printf("| PostgreSQL memory (Pss, after the load) | %,d MB |%n", postgresPssKb / 1024);

        System.out.println("\nCPU in the measured window (seconds of CPU per second of wall time; 2.00 = two cores):");
        System.out.print(CpuSnapshot.report(m.before, m.after, seconds));
        System.out.printf("%nCPU per event (independent of the machine's other load, within reason):%n");
        System.out.printf("  ingestion:              %s%n", CpuSnapshot.perEvent(m.before, m.after, m.events));
        System.out.printf("  raw COPY:               %s%n", CpuSnapshot.perEvent(b.c0, b.c1, b.rows));
        System.out.printf("  dedup INSERT + COPY:    %s%n", CpuSnapshot.perEvent(b.c1, b.c2, b.rows));
        System.out.printf("  ingestion (server JVM + PostgreSQL) costs %.1fx the CPU of a raw COPY per event;"
                        + " 50,000 events/s on %d cores leave %.0f µs per event for everything%n",
                CpuSnapshot.serverAndPostgresTicks(m.before, m.after) / (double) Math.max(1, m.events)
                        / (CpuSnapshot.serverAndPostgresTicks(b.c0, b.c1) / (double) b.rows),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1e6 / 50_000);

        System.out.println("\nTargets (2 cores): ≥ 50,000 events/s acknowledged: " + (rate >= 50_000 ? "met" : "NOT met")
                + "; ≥ 0.5 of raw COPY: " + (ratio >= 0.5 ? "met" : "NOT met") + "; heap ≤ 512 MiB: "
                + (server.heapAtMost512m() ? "met (-Xmx" + o.heap + ", no OutOfMemoryError: " + (server.logMentions(
                "OutOfMemoryError") ? "NO, see the log" : "yes") + ")" : "not applicable (-Xmx" + o.heap + ")"));
        System.out.println("Load average after the run: " + Machine.loadAverage());
    }

    /** Warm-up, then the measured window; prints progress every 5 s. */
    private static Measured measure(Options o, Server server, Load load) throws Exception {
        long start = System.nanoTime() + TimeUnit.SECONDS.toNanos(o.warmupSeconds);
        long end = start + TimeUnit.SECONDS.toNanos(o.durationSeconds);
        load.begin(start, end);
        CpuSnapshot before = null;
        long tick = TimeUnit.SECONDS.toNanos(5);
        long lastTick = System.nanoTime();
        long lastAcked = 0;
        while (true) {
            long now = System.nanoTime();
            if (before == null && now >= start) {
                before = CpuSnapshot.take(server);
            }
            if (now >= end) {
                break;
            }
            if (now - lastTick >= tick) {
                long acked = load.ackedTotal.sum();
                System.out.printf("  %s: %,.0f events/s acknowledged over the last %.0f s%s%n",
                        lastTick < start ? "warm-up " : "measured", (acked - lastAcked) / ((now - lastTick) / 1e9),
                        (now - lastTick) / 1e9, load.errorSummary().isEmpty() ? "" : "; errors so far: " + load.errorSummary());
                lastAcked = acked;
                lastTick = now;
            }
            long wake = Math.min(lastTick + tick, before == null ? Math.min(start, end) : end);
            Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wake - now)));
        }
        CpuSnapshot after = CpuSnapshot.take(server);
        load.awaitStopped();
        return new Measured(load.ackedMeasured.sum(), load.requestsMeasured.sum(), load.latencies(),
                load.errorSummary(), before, after, start, end);
    }

    /** The raw COPY and the dedup INSERT + COPY, of as many rows as were acknowledged in the window. */
    private static Baseline baseline(Options o, Server server, Source source, long measuredEvents) throws Exception {
        long rows = Math.max(measuredEvents, o.copyBatch);
        System.out.printf("%nBaseline: COPY of %,d rows (the number acknowledged in the measured window) into the same"
                + " event_log, one connection, %,d rows per transaction (the collector's largest group commit),"
                + " synchronous_commit on, in three passes (the median counts)%n", rows, o.copyBatch);
        try (Connection c = server.database()) { // opened first: its backend's CPU is in the snapshots
            CopyBaseline copy = CopyBaseline.sample(c, source.connectionId);
            System.out.printf("  rows: the server's own stored events (%d sampled, %d B of event JSON on average) with"
                    + " new messageIds, under workspace_id %d, which has no workspace, so that the server's warehouse"
                    + " loader leaves them alone%n", copy.size(), copy.averageEventBytes(), copy.workspaceId);
            // Three passes of a third of the rows each, and their median: one pass alone moved by ±20 % from run to
            // run (a checkpoint or autovacuum of the log after the load coincides with it or not).
            long third = Math.max(1, rows / 3);
            CpuSnapshot c0 = CpuSnapshot.take(server);
            double[] copyRates = {copy.run(c, third, o.copyBatch, false), copy.run(c, third, o.copyBatch, false),
                    copy.run(c, third, o.copyBatch, false)};
            CpuSnapshot c1 = CpuSnapshot.take(server);
            double[] dedupRates = {copy.run(c, third, o.copyBatch, true), copy.run(c, third, o.copyBatch, true),
                    copy.run(c, third, o.copyBatch, true)};
            CpuSnapshot c2 = CpuSnapshot.take(server);
            double copyRate = median(copyRates);
            double dedupRate = median(dedupRates);
            System.out.printf("  raw COPY into event_log: %,.0f rows/s (median of %,.0f / %,.0f / %,.0f)%n", copyRate,
                    copyRates[0], copyRates[1], copyRates[2]);
            System.out.printf("  dedup INSERT into event_message_keys + COPY (the collector's two statements): %,.0f"
                    + " rows/s (median of %,.0f / %,.0f / %,.0f)%n", dedupRate, dedupRates[0], dedupRates[1], dedupRates[2]);
            return new Baseline(third * 3, copyRate, dedupRate, c0, c1, c2);
        }
    }

    private static double median(double[] three) {
        double[] sorted = three.clone();
        Arrays.sort(sorted);
        return sorted[1];
    }

    /** Waits until the warehouse loader has caught up, and says how long that took. */
    /**
     * Seconds until the loader's cursor reaches the last event of the source's workspace, or NaN after
     * {@code timeout}. Polls the cursor and the head (an index probe each), not a count of the backlog, which read
     * the whole backlog four times a second and slowed the loader it waited for.
     */
    private static double awaitLoader(Server server, long connectionId, Duration timeout) throws Exception {
        long t0 = System.nanoTime();
        try (Connection c = server.database()) {
            long workspace = count(c, "SELECT workspace_id FROM event_log WHERE connection_id = " + connectionId + " LIMIT 1");
            long head = count(c, "SELECT COALESCE(max(seq), 0) FROM event_log WHERE workspace_id = " + workspace);
            while (true) {
                long cursor = count(c, "SELECT COALESCE(max(seq), 0) FROM event_log_cursors WHERE workspace_id = " + workspace);
                double waited = (System.nanoTime() - t0) / 1e9;
                if (cursor >= head) {
                    return waited;
                }
                if (waited > timeout.toSeconds()) {
                    return Double.NaN;
                }
                Thread.sleep(250);
            }
        }
    }

    /** How far behind the event log the warehouse loader's cursor of the source's workspace is. */
    private static String loaderBacklog(Connection c, long connectionId) throws SQLException {
        long workspace = count(c, "SELECT workspace_id FROM event_log WHERE connection_id = " + connectionId + " LIMIT 1");
        long cursor = count(c, "SELECT COALESCE(max(seq), 0) FROM event_log_cursors WHERE workspace_id = " + workspace);
        long behind = count(c, "SELECT count(*) FROM event_log WHERE workspace_id = " + workspace + " AND seq > " + cursor);
        return behind == 0 ? "caught up" : String.format("%,d events behind", behind);
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static long pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String ms(long nanos) {
        return String.format("%.1f ms", nanos / 1e6);
    }

    static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The server process: started on free ports and a temporary data dir, stopped with SIGTERM. */
    static final class Server {
        private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

        final Path jar;
        final Path root;
        final List<String> jvmOptions;
        final Process process;
        final int httpPort;
        final int postgresPort;

        private Server(Path jar, Path root, List<String> jvmOptions, Process process, int httpPort, int postgresPort) {
            this.jar = jar;
            this.root = root;
            this.jvmOptions = jvmOptions;
            this.process = process;
            this.httpPort = httpPort;
            this.postgresPort = postgresPort;
        }

        static Server start(Path java, Path jar, Options o, Path root) throws Exception {
            int[] ports = freePorts();
            List<String> jvm = new ArrayList<>();
            jvm.add("-Xmx" + o.heap);
            jvm.addAll(o.serverOpts);
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString()));
            Path log = root.resolve("server.log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().keySet().removeIf(k -> k.startsWith("KRENALIS_"));
            pb.environment().putAll(Map.of(
                    "KRENALIS_HTTP_HOST", "127.0.0.1",
                    "KRENALIS_HTTP_PORT", Integer.toString(ports[0]),
                    "KRENALIS_EMBEDDED_PORT", Integer.toString(ports[1]),
                    "KRENALIS_DATA_DIR", root.resolve("data").toString(),
                    "KRENALIS_DEPLOY_DIR", root.resolve("deploy").toString(),
                    "KRENALIS_ADMIN_KEY", ADMIN_KEY,
                    "KRENALIS_COLLECTOR_RATE_LIMIT", "0"));
            Server server = new Server(jar, root, jvm, pb.start(), ports[0], ports[1]);
            try {
                server.awaitHealthy(log);
            } catch (Exception e) {
                server.stop();
                throw e;
            }
            return server;
        }

        private void awaitHealthy(Path log) throws Exception {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/v1/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n"
                            + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy within " + START_TIMEOUT + "; see " + log);
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // retry
                }
                Thread.sleep(50);
            }
        }

        Connection database() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/krenalis", "postgres", "");
        }

        /** The postmaster and its children (backends and background processes). */
        List<ProcessHandle> postgresProcesses() {
            try {
                long pid = Long.parseLong(Files.readAllLines(root.resolve("data/postgres/postmaster.pid")).get(0).trim());
                return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants()).toList())
                        .orElse(List.of());
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }

        long peakRssKb() {
            return Proc.statusKb(process.pid(), "VmHWM:");
        }

        /** Pss, not RSS: RSS would count the shared buffers once per process. */
        long postgresPssKb() {
            return postgresProcesses().stream().mapToLong(h -> Proc.rollupKb(h.pid(), "Pss:")).sum();
        }

        boolean heapAtMost512m() {
            String h = jvmOptions.get(0).substring(4).toLowerCase(Locale.ROOT);
            long bytes = Long.parseLong(h.replaceAll("[kmg]$", "")) * switch (h.charAt(h.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                case 'g' -> 1L << 30;
                default -> 1L;
            };
            return bytes <= 512L << 20;
        }

        boolean logMentions(String text) {
            try {
                return Files.readString(root.resolve("server.log")).contains(text);
            } catch (IOException e) {
                return false;
            }
        }

        void stop() throws InterruptedException {
            process.destroy(); // SIGTERM to our own child, by its pid
            // Up to 30 s for requests in flight and 120 s for the embedded PostgreSQL's shutdown checkpoint.
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                System.out.println("the server did not stop within 180 s after SIGTERM: killed");
            }
        }

        private static int[] freePorts() throws IOException {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return new int[] {a.getLocalPort(), b.getLocalPort()};
            }
        }
    }

    /** A Java source and its write key, created through the admin API. */
    record Source(long connectionId, String writeKey) {
        static Source create(int port) throws IOException, InterruptedException {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            String created = post(http, base + "/v1/connections",
                    "{\"name\":\"ingest bench\",\"role\":\"source\",\"connector\":\"java\"}");
            long id = Long.parseLong(field(created, "\"id\"\\s*:\\s*(\\d+)"));
            String key = field(post(http, base + "/v1/connections/" + id + "/event-write-keys", ""),
                    "\"key\"\\s*:\\s*\"([^\"]+)\"");
            return new Source(id, key);
        }

        private static String post(HttpClient http, String url, String json) throws IOException, InterruptedException {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + ADMIN_KEY).header("Krenalis-Workspace", "1")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        }

        private static String field(String json, String regex) {
            Matcher m = Pattern.compile(regex).matcher(json);
            if (!m.find()) {
                throw new IllegalStateException("unexpected answer: " + json);
            }
            return m.group(1);
        }
    }

    /**
     * Track events shaped like a web SDK's (analytics.js): properties of an e-commerce event, page, user agent,
     * campaign. 256 variants built once; each event gets a random messageId and the current timestamp.
     */
    static final class Events {
        private static final String[] NAMES = {"Product Viewed", "Product Added", "Checkout Started", "Product Clicked",
                "Cart Viewed", "Coupon Applied", "Order Completed", "Products Searched"};
        private static final String[] CATEGORIES = {"Games", "Books", "Garden", "Kitchen", "Toys", "Sports"};
        private static final String[] AGENTS = {
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1"};
        private static final String[] ZONES = {"Europe/Rome", "America/New_York", "Asia/Tokyo", "Europe/Berlin"};

        private final int perRequest;
        /** Each event is {@code {"type":"track","messageId":"<id>","timestamp":"<ts>"} + tail}. */
        private final String[] tails = new String[256];

        Events(int perRequest) {
            this.perRequest = perRequest;
            Random r = new Random(42);
            for (int i = 0; i < tails.length; i++) {
                tails[i] = tail(r, i);
            }
            for (int i = 0; i < bodies.length; i++) {
                bodies[i] = body(r);
            }
        }

        private static String tail(Random r, int i) {
            String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
            String slug = category.toLowerCase(Locale.ROOT) + "-item-" + (1000 + r.nextInt(9000));
            double price = 5 + r.nextInt(20000) / 100.0;
            return String.format(Locale.ROOT, ",\"event\":\"%s\",\"anonymousId\":\"%s\",\"userId\":\"user-%05d\","
                            + "\"properties\":{\"product_id\":\"%024x\",\"sku\":\"SKU-%s-%04d\",\"category\":\"%s\",\"name\":\"%s\","
                            + "\"brand\":\"Acme\",\"variant\":\"%s\",\"price\":%.2f,\"quantity\":%d,\"currency\":\"EUR\","
                            + "\"position\":%d,\"url\":\"https://shop.example.com/p/%s\"},"
                            + "\"context\":{\"library\":{\"name\":\"analytics.js\",\"version\":\"next-1.72.0\"},"
                            + "\"page\":{\"path\":\"/p/%s\",\"referrer\":\"https://www.google.com/\",\"search\":\"?utm_source=newsletter\","
                            + "\"title\":\"%s | Acme Shop\",\"url\":\"https://shop.example.com/p/%s?utm_source=newsletter\"},"
                            + "\"userAgent\":\"%s\",\"locale\":\"en-US\",\"timezone\":\"%s\","
                            + "\"screen\":{\"width\":1920,\"height\":1080,\"density\":2},"
                            + "\"campaign\":{\"name\":\"spring_sale\",\"source\":\"newsletter\",\"medium\":\"email\",\"content\":\"hero\"}},"
                            + "\"integrations\":{}}",
                    NAMES[i % NAMES.length], new UUID(r.nextLong(), r.nextLong()), r.nextInt(100_000),
                    new BigInteger(96, r), category.toUpperCase(Locale.ROOT), r.nextInt(10_000), category,
                    slug.replace('-', ' '), r.nextBoolean() ? "blue" : "large", price, 1 + r.nextInt(3), r.nextInt(24),
                    slug, slug, slug.replace('-', ' '), slug, AGENTS[r.nextInt(AGENTS.length)],
                    ZONES[r.nextInt(ZONES.length)]);
        }

        /** A random messageId as analytics.js makes them ({@code ajs-next-} and 32 hex digits). */
        static String messageId() {
            byte[] id = ID_PREFIX.clone();
            randomHex(id, id.length - 32);
            return new String(id, StandardCharsets.ISO_8859_1);
        }

        /**
         * A request body: a copy of one of a few prebuilt bodies with fresh messageIds and times written in place, so
         * that the load generator spends little of the machine's CPU.
         */
        byte[] batch() {
            Body template = bodies[ThreadLocalRandom.current().nextInt(bodies.length)];
            byte[] body = template.bytes.clone();
            for (int at : template.idOffsets) {
                randomHex(body, at);
            }
            byte[] now = TIME.format(Instant.now()).getBytes(StandardCharsets.ISO_8859_1);
            for (int at : template.timeOffsets) {
                System.arraycopy(now, 0, body, at, now.length);
            }
            return body;
        }

        int averageEventBytes() {
            return (bodies[0].bytes.length - 40) / perRequest;
        }

        private static final byte[] ID_PREFIX = "ajs-next-00000000000000000000000000000000".getBytes(StandardCharsets.ISO_8859_1);
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
        /** Fixed width (24 characters), so that it can be written over a placeholder. */
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

        private record Body(byte[] bytes, int[] idOffsets, int[] timeOffsets) {
        }

        private final Body[] bodies = new Body[16];

        private static void randomHex(byte[] b, int at) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int half = 0; half < 2; half++) {
                long v = r.nextLong();
                for (int i = 0; i < 16; i++, v >>>= 4) {
                    b[at++] = HEX[(int) (v & 15)];
                }
            }
        }

        private Body body(Random r) {
            String time = TIME.format(Instant.EPOCH);
            String id = new String(ID_PREFIX, StandardCharsets.ISO_8859_1);
            StringBuilder b = new StringBuilder(perRequest * 1100 + 64).append("{\"batch\":[");
            int[] ids = new int[perRequest];
            int[] times = new int[perRequest + 1];
            for (int i = 0; i < perRequest; i++) {
                b.append(i == 0 ? "" : ",").append("{\"type\":\"track\",\"messageId\":\"");
                ids[i] = b.length() + id.length() - 32;
                b.append(id).append("\",\"timestamp\":\"");
                times[i] = b.length();
                b.append(time).append('"').append(tails[r.nextInt(tails.length)]);
            }
            b.append("],\"sentAt\":\"");
            times[perRequest] = b.length();
            b.append(time).append("\"}");
            return new Body(b.toString().getBytes(StandardCharsets.ISO_8859_1), ids, times); // the tails are ASCII
        }
    }

    /** The connections: each a thread with its own HTTP client, posting one request after another. */
    static final class Load {
        final LongAdder ackedTotal = new LongAdder();
        final LongAdder ackedMeasured = new LongAdder();
        final LongAdder requestsMeasured = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
        private final List<Thread> threads = new ArrayList<>();
        private final List<long[]> samples = new ArrayList<>();
        private final URI uri;
        private final String authorization;
        private final Events events;
        private final int connections;

        Load(int port, String writeKey, Events events, int connections) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/v1/batch");
            this.authorization = "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
            this.events = events;
            this.connections = connections;
        }

        /** Starts the connections; they stop at {@code end} (after their request in flight). */
        void begin(long start, long end) {
            for (int i = 0; i < connections; i++) {
                int index = i;
                samples.add(new long[0]);
                Thread t = new Thread(() -> connection(index, start, end), "bench-connection-" + i);
                threads.add(t);
                t.start();
            }
        }

        private void connection(int index, long start, long end) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            long[] lat = new long[1024];
            int n = 0;
            while (System.nanoTime() < end) {
                HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                        .header("Authorization", authorization).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(events.batch())).build();
                long t0 = System.nanoTime();
                String outcome;
                String body = "";
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    outcome = Integer.toString(r.statusCode());
                    body = r.body();
                } catch (IOException e) {
                    outcome = e.getClass().getSimpleName();
                    body = String.valueOf(e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
                long t1 = System.nanoTime();
                boolean measured = t1 >= start && t1 < end;
                if (outcome.equals("200")) {
                    ackedTotal.add(events.perRequest);
                    if (measured) {
                        ackedMeasured.add(events.perRequest);
                    }
                } else {
                    errors.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    firstErrors.putIfAbsent(outcome, body.length() > 300 ? body.substring(0, 300) : body);
                }
                if (measured) {
                    requestsMeasured.increment();
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = t1 - t0;
                }
                if (!outcome.equals("200")) {
                    sleepQuietly(10); // no hot loop on a refusal
                }
            }
            synchronized (samples) {
                samples.set(index, Arrays.copyOf(lat, n));
            }
        }

        void awaitStopped() throws InterruptedException {
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(120));
                if (t.isAlive()) {
                    throw new IllegalStateException(t.getName() + " still waits for an answer 120 s after the end");
                }
            }
            if (!firstErrors.isEmpty()) {
                System.out.println("\nFirst answer of each kind of error:");
                firstErrors.forEach((k, v) -> System.out.println("  " + k + ": " + v));
            }
        }

        /** The measured latencies, in nanoseconds, sorted. */
        long[] latencies() {
            synchronized (samples) {
                long[] all = samples.stream().flatMapToLong(Arrays::stream).toArray();
                Arrays.sort(all);
                return all;
            }
        }

        String errorSummary() {
            Map<String, Long> sorted = new TreeMap<>();
            errors.forEach((k, v) -> sorted.put(k, v.sum()));
            return sorted.entrySet().stream().map(e -> e.getValue() + " × " + e.getKey())
                    .reduce((a, b) -> a + ", " + b).orElse("");
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The limit: COPY of rows like the server's into the same table, from one connection (the collector has one
     * writer), in transactions of the collector's largest group. The event texts are events the server stored, with
     * their messageId replaced, so each row has the stored size and shape; the CSV is prepared before the clock starts
     * except for the messageIds.
     */
    static final class CopyBaseline {
        final long workspaceId;
        private final long connectionId;
        /** CSV-quoted event text before and after its messageId: {@code "...messageId":"} and {@code ",...}"}. */
        private final List<String[]> halves;
        private final int averageEventBytes;

        private CopyBaseline(long workspaceId, long connectionId, List<String[]> halves, int averageEventBytes) {
            this.workspaceId = workspaceId;
            this.connectionId = connectionId;
            this.halves = halves;
            this.averageEventBytes = averageEventBytes;
        }

        static CopyBaseline sample(Connection c, long connectionId) throws SQLException {
            List<String[]> halves = new ArrayList<>();
            long workspaceId = count(c, "SELECT COALESCE(max(id), 0) + 1000000 FROM workspaces");
            long bytes = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id, message_id, event FROM event_log"
                    + " WHERE connection_id = ? ORDER BY seq DESC LIMIT 1000")) {
                ps.setLong(1, connectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(2);
                        String event = rs.getString(3);
                        int at = event.indexOf(id);
                        if (at >= 0) {
                            bytes += event.getBytes(StandardCharsets.UTF_8).length;
                            halves.add(new String[] {"\"" + csv(event.substring(0, at)),
                                    csv(event.substring(at + id.length())) + "\""});
                        }
                    }
                }
            }
            if (halves.isEmpty()) {
                throw new IllegalStateException("no stored event to copy: the server stored nothing");
            }
            return new CopyBaseline(workspaceId, connectionId, halves, (int) (bytes / halves.size()));
        }

        int size() {
            return halves.size();
        }

        int averageEventBytes() {
            return averageEventBytes;
        }

        /** Rows per second of COPYing {@code rows} rows, with the dedup INSERT before each COPY if asked. */
        double run(Connection c, long rows, int batch, boolean dedup) throws SQLException {
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            int k = 0;
            for (long done = 0; done < rows; ) {
                int n = (int) Math.min(batch, rows - done);
                String[] ids = new String[n];
                for (int i = 0; i < n; i++) {
                    ids[i] = Events.messageId();
                }
                if (dedup) {
                    java.util.UUID[] keys = new java.util.UUID[n];
                    for (int i = 0; i < n; i++) {
                        keys[i] = messageKey(workspaceId, ids[i]);
                    }
                    try (PreparedStatement ps = c.prepareStatement(DEDUP_SQL)) {
                        ps.setArray(1, c.createArrayOf("uuid", keys));
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                rs.getObject(1, java.util.UUID.class);
                            }
                        }
                    }
                }
                String prefix = workspaceId + "," + connectionId + ",\"";
                String receivedAt = "\"," + Instant.now() + ",";
                CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
                StringBuilder b = new StringBuilder(1 << 17);
                for (String id : ids) {
                    String[] h = halves.get(k++ % halves.size());
                    b.append(prefix).append(id).append(receivedAt).append(h[0]).append(id).append(h[1]).append('\n');
                    if (b.length() > 1 << 16) {
                        flush(copy, b);
                    }
                }
                flush(copy, b);
                copy.endCopy();
                c.commit();
                done += n;
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }

        /** The server's dedup key (MessageKeys): the first 16 bytes of SHA-256 over "workspace:messageId". */
        private static java.util.UUID messageKey(long workspaceId, String messageId) {
            try {
                java.nio.ByteBuffer d = java.nio.ByteBuffer.wrap(java.security.MessageDigest.getInstance("SHA-256")
                        .digest((workspaceId + ":" + messageId).getBytes(StandardCharsets.UTF_8)));
                return new java.util.UUID(d.getLong(), d.getLong());
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void flush(CopyIn copy, StringBuilder b) throws SQLException {
            byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            b.setLength(0);
        }

        private static String csv(String s) {
            return s.replace("\"", "\"\"");
        }
    }

    /**
     * The server's heap, sampled every second by {@code jstat -gc} (it reads the JVM's perf-data memory: no safepoint,
     * no attach), so that peak use and the GC work of the measured window can be told.
     */
    static final class GcSampler {
        record Sample(long nanos, double usedKb, double oldKb, double capacityKb, long youngGcs, double youngSeconds,
                      long fullGcs, double fullSeconds, double totalSeconds) {
        }

        private final Process jstat;
        private final List<Sample> samples = new ArrayList<>();
        private final Thread reader;

        private GcSampler(Process jstat) {
            this.jstat = jstat;
            this.reader = new Thread(this::read, "bench-jstat");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static GcSampler start(long pid) throws IOException {
            Path jstat = Path.of(System.getProperty("java.home"), "bin", "jstat");
            return new GcSampler(new ProcessBuilder(jstat.toString(), "-J-Duser.language=en", "-J-Duser.country=US",
                    "-gc", Long.toString(pid), "1000").redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                String header = in.readLine();
                if (header == null) {
                    return;
                }
                List<String> cols = List.of(header.trim().split("\\s+"));
                for (String line; (line = in.readLine()) != null; ) {
                    String[] v = line.trim().split("\\s+");
                    if (v.length != cols.size() || !Character.isDigit(v[0].charAt(0))) {
                        continue;
                    }
                    Map<String, Double> m = new HashMap<>();
                    for (int i = 0; i < v.length; i++) {
                        m.put(cols.get(i), v[i].equals("-") ? 0 : Double.parseDouble(v[i]));
                    }
                    Sample s = new Sample(System.nanoTime(), m.get("S0U") + m.get("S1U") + m.get("EU") + m.get("OU"),
                            m.get("OU"), m.get("S0C") + m.get("S1C") + m.get("EC") + m.get("OC"),
                            m.get("YGC").longValue(), m.get("YGCT"), m.get("FGC").longValue(), m.get("FGCT"), m.get("GCT"));
                    synchronized (samples) {
                        samples.add(s);
                    }
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("jstat: " + e);
            }
        }

        void stop() throws InterruptedException {
            jstat.destroy();
            jstat.waitFor(10, TimeUnit.SECONDS);
            reader.join(5_000);
        }

        /** Peak heap used and peak old generation over the whole load (warm-up included). */
        String summary() {
            synchronized (samples) {
                if (samples.isEmpty()) {
                    return "unknown (jstat gave nothing)";
                }
                double used = samples.stream().mapToDouble(Sample::usedKb).max().orElse(0);
                double old = samples.stream().mapToDouble(Sample::oldKb).max().orElse(0);
                double committed = samples.stream().mapToDouble(Sample::capacityKb).max().orElse(0);
                return String.format("%,.0f MB / %,.0f MB (committed at most %,.0f MB)", used / 1024, old / 1024,
                        committed / 1024);
            }
        }

        String windowSummary(long start, long end) {
            synchronized (samples) {
                Sample first = samples.stream().filter(s -> s.nanos >= start).findFirst().orElse(null);
                Sample last = samples.stream().filter(s -> s.nanos <= end).reduce((a, b) -> b).orElse(null);
                if (first == null || last == null || last.nanos <= first.nanos) {
                    return "unknown";
                }
                double wall = (last.nanos - first.nanos) / 1e9;
                return String.format("%d young (%.2f s), %d full (%.2f s); %.1f %% of wall time in GC pauses",
                        last.youngGcs - first.youngGcs, last.youngSeconds - first.youngSeconds,
                        last.fullGcs - first.fullGcs, last.fullSeconds - first.fullSeconds,
                        100 * (last.totalSeconds - first.totalSeconds) / wall);
            }
        }
    }

    /**
     * CPU time, from /proc, of the machine, of this benchmark, of the server (in all and per thread) and of PostgreSQL's
     * processes. Differences are taken per thread and per process, so that one that ends in between is not counted
     * negatively.
     */
    record CpuSnapshot(long machineBusy, long machineTotal, long bench, long server, Map<Long, Named> serverThreads,
                       Map<Long, Named> postgres) {
        /** A thread or process: what it is, and its CPU time in ticks. */
        record Named(String name, long ticks) {
        }

        static CpuSnapshot take(Server server) {
            long[] machine = Proc.machineTicks();
            long pid = server.process.pid();
            Map<Long, Named> threads = new HashMap<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                tasks.forEach(t -> {
                    String[] stat = Proc.stat(t.resolve("stat"));
                    if (stat != null) {
                        // One line per kind of thread: jetty's qtp123-45 and qtp123-46 are both "qtp#-#".
                        threads.put(Long.parseLong(t.getFileName().toString()),
                                new Named(stat[0].replaceAll("\\d+", "#"), Proc.ticks(stat)));
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the server is gone: nothing to count
            }
            Map<Long, Named> pg = new HashMap<>();
            for (ProcessHandle h : server.postgresProcesses()) {
                String[] stat = Proc.stat(Path.of("/proc", Long.toString(h.pid()), "stat"));
                if (stat != null) {
                    pg.put(h.pid(), new Named(Proc.postgresRole(h.pid()), Proc.ticks(stat)));
                }
            }
            return new CpuSnapshot(machine[0], machine[1], Proc.ticks(Path.of("/proc/self/stat")),
                    Proc.ticks(Path.of("/proc", Long.toString(pid), "stat")), threads, pg);
        }

        static String report(CpuSnapshot a, CpuSnapshot b, double seconds) {
            Map<String, Long> threads = delta(a.serverThreads, b.serverThreads);
            Map<String, Long> pg = delta(a.postgres, b.postgres);
            long server = b.server - a.server; // the process's own count includes threads that ended
            long postgres = sum(pg);
            long bench = b.bench - a.bench;
            long busy = b.machineBusy - a.machineBusy;
            long total = b.machineTotal - a.machineTotal;
            StringBuilder out = new StringBuilder();
            out.append(String.format("  machine busy    %.2f of %d (all processes; idle %.2f)%n", busy / Proc.HZ / seconds,
                    Runtime.getRuntime().availableProcessors(), (total - busy) / Proc.HZ / seconds));
            out.append(String.format("  server JVM      %.2f%n", server / Proc.HZ / seconds));
            top(out, threads, seconds);
            out.append(String.format("  PostgreSQL      %.2f%n", postgres / Proc.HZ / seconds));
            top(out, pg, seconds);
            out.append(String.format("  this benchmark  %.2f (load generator, in the same machine)%n", bench / Proc.HZ / seconds));
            out.append(String.format("  everything else %.2f (other processes on the machine)%n",
                    Math.max(0, busy - server - postgres - bench) / Proc.HZ / seconds));
            return out.toString();
        }

        /** CPU spent between two snapshots per event, by the server, PostgreSQL and this benchmark, in µs. */
        static String perEvent(CpuSnapshot a, CpuSnapshot b, long events) {
            double us = 1e6 / Proc.HZ / Math.max(1, events);
            long server = b.server - a.server;
            long postgres = sum(delta(a.postgres, b.postgres));
            return String.format("%5.1f µs = server JVM %5.1f + PostgreSQL %5.1f (this benchmark %5.1f more)",
                    (server + postgres) * us, server * us, postgres * us, (b.bench - a.bench) * us);
        }

        static long serverAndPostgresTicks(CpuSnapshot a, CpuSnapshot b) {
            return b.server - a.server + sum(delta(a.postgres, b.postgres));
        }

        /** Per name, the CPU of the threads or processes of {@code b}, less what they had in {@code a}. */
        private static Map<String, Long> delta(Map<Long, Named> a, Map<Long, Named> b) {
            Map<String, Long> out = new HashMap<>();
            b.forEach((id, n) -> {
                Named before = a.get(id);
                out.merge(n.name, n.ticks - (before == null ? 0 : before.ticks), Long::sum);
            });
            return out;
        }

        private static void top(StringBuilder out, Map<String, Long> delta, double seconds) {
            delta.entrySet().stream().filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> out.append(String.format("      %-28s %.2f%n", e.getKey(), e.getValue() / Proc.HZ / seconds)));
        }

        private static long sum(Map<String, Long> m) {
            return m.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Reading /proc. */
    static final class Proc {
        static final double HZ = 100; // USER_HZ: 100 on every Linux of the last decades (getconf CLK_TCK)

        private Proc() {
        }

        /** The name (comm), then the fields after it, of a /proc stat file; null if it is gone. */
        static String[] stat(Path file) {
            try {
                String s = Files.readString(file);
                int open = s.indexOf('(');
                int close = s.lastIndexOf(')');
                String[] rest = s.substring(close + 2).trim().split(" ");
                String[] out = new String[rest.length + 1];
                out[0] = s.substring(open + 1, close);
                System.arraycopy(rest, 0, out, 1, rest.length);
                return out;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** utime + stime (fields 14 and 15 of stat, here 12 and 13 after the name). */
        static long ticks(String[] stat) {
            return Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
        }

        static long ticks(Path statFile) {
            String[] stat = stat(statFile);
            return stat == null ? 0 : ticks(stat);
        }

        /** {busy, total} of all CPUs, in ticks, from the first line of /proc/stat. */
        static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < Math.min(f.length, 9); i++) { // user..steal; guest is already in user
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return new long[] {0, 0};
            }
        }

        /** What a PostgreSQL process does, from the title it sets: "backend krenalis", "walwriter", ... */
        static String postgresRole(long pid) {
            try {
                String cmd = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ').trim();
                if (!cmd.startsWith("postgres: ")) {
                    return "postmaster";
                }
                String[] words = cmd.substring(10).trim().split("\\s+");
                if (cmd.contains("127.0.0.1(") && words.length >= 2) {
                    return "backend " + words[1];
                }
                return String.join(" ", Arrays.copyOf(words, Math.min(2, words.length)));
            } catch (IOException e) {
                return "exited";
            }
        }

        static long statusKb(long pid, String key) {
            return grepKb(Path.of("/proc", Long.toString(pid), "status"), key);
        }

        static long rollupKb(long pid, String key) {
            return grepKb(Path.of("/proc", Long.toString(pid), "smaps_rollup"), key);
        }

        private static long grepKb(Path file, String key) {
            try {
                return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                        .map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong).findFirst().orElse(0);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /** What the figures were measured on. */
    static final class Machine {
        private Machine() {
        }

        static String describe(Path java) throws IOException, InterruptedException {
            return "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                    + "\nCPU: " + grep(Path.of("/proc/cpuinfo"), "model name") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores available"
                    + "\nMemory: " + memTotalMb() + " MB"
                    + "\nOS: " + grep(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "") + " ("
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                    + System.getProperty("os.arch") + ")"
                    + "\nLoad average before the run: " + loadAverage()
                    + "\njava -version:\n" + javaVersion(java).indent(2).stripTrailing();
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static String memTotalMb() {
            String kb = grep(Path.of("/proc/meminfo"), "MemTotal").replaceAll("\\D", "");
            return kb.isEmpty() ? "unknown" : Long.toString(Long.parseLong(kb) / 1024);
        }

        /** The value after the first line starting with {@code key}, without the separator. */
        private static String grep(Path file, String key) {
            try {
                return Files.readAllLines(file).stream().filter(l -> l.startsWith(key))
                        .map(l -> l.substring(key.length()).replaceFirst("^\\s*[:=]\\s*", "").trim())
                        .findFirst().orElse("unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static String javaVersion(Path java) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.trim();
        }
    }
}
