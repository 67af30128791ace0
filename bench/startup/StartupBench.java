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
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Start-up time of the Krenalis server: from process start to the first 200 of {@code GET /v1/health}, cold (a new
 * data dir, so PostgreSQL's initdb is included) and warm (an existing data dir), plus the resident memory of the
 * server JVM and of its embedded PostgreSQL once healthy.
 *
 * <pre>java bench/startup/StartupBench.java [--runs N] [--jar runtime/distribution/target/krenalis/krenalis.jar]</pre>
 *
 * Runs one server at a time, stopped with SIGTERM after each measurement. Prints the machine and a Markdown table.
 */
public final class StartupBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    /** One measured start: time to healthy, and resident memory (kB) of the JVM and of PostgreSQL at that moment. */
    record Run(long millis, long jvmRssKb, long postgresRssKb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        Path jar = Path.of("runtime/distribution/target/krenalis/krenalis.jar");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: StartupBench [--runs N] [--jar krenalis.jar]");
            }
        }
        jar = jar.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server at " + jar + ": build it (mvn -pl runtime/distribution -am install)"
                    + " or pass --jar");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        System.out.println(Machine.describe(java));
        System.out.println("Server: " + jar + "\nRuns: " + runs + " cold, " + runs + " warm (after one unmeasured warm-up start)\n");

        List<Run> cold = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            Path root = Files.createTempDirectory("krenalis-bench-cold-");
            try {
                cold.add(report("cold", i, start(java, jar, root)));
            } finally {
                delete(root);
            }
        }
        List<Run> warm = new ArrayList<>();
        Path root = Files.createTempDirectory("krenalis-bench-warm-");
        try {
            start(java, jar, root); // creates the data dir: the first start is a cold one
            for (int i = 1; i <= runs; i++) {
                warm.add(report("warm", i, start(java, jar, root)));
            }
        } finally {
            delete(root);
        }

        System.out.println("\n| start | runs | min | median | max | JVM RSS (median) | PostgreSQL RSS (median) |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.println(row("cold (new data dir, includes initdb)", cold));
        System.out.println(row("warm (existing data dir)", warm));
        System.out.println("\nload average after the runs: " + Machine.loadAverage());
    }

    /** Starts a server on {@code root}/data, waits for health, measures, and stops it with SIGTERM. */
    private static Run start(Path java, Path jar, Path root) throws Exception {
        int[] ports = freePorts();
        Path log = root.resolve("server.log");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-jar", jar.toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("KRENALIS_"));
        pb.environment().putAll(Map.of(
                "KRENALIS_HTTP_HOST", "127.0.0.1",
                "KRENALIS_HTTP_PORT", Integer.toString(ports[0]),
                "KRENALIS_EMBEDDED_PORT", Integer.toString(ports[1]),
                "KRENALIS_DATA_DIR", root.resolve("data").toString(),
                "KRENALIS_DEPLOY_DIR", root.resolve("deploy").toString(),
                "KRENALIS_ADMIN_KEY", "bench-admin-key-0123456789abcdef"));
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports[0] + "/v1/health"))
                .timeout(Duration.ofSeconds(2)).build();

        long t0 = System.nanoTime();
        Process server = pb.start();
        try {
            long deadline = t0 + START_TIMEOUT.toNanos();
            while (true) {
                if (!server.isAlive()) {
                    throw new IllegalStateException("the server exited with " + server.exitValue() + "; see " + log
                            + "\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not healthy within " + START_TIMEOUT + "; see " + log);
                }
                try {
                    if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        break;
                    }
                } catch (IOException notListeningYet) {
                    // retry
                }
                Thread.sleep(20);
            }
            long millis = (System.nanoTime() - t0) / 1_000_000;
            return new Run(millis, rssKb(server.pid()), postgresRssKb(root.resolve("data/postgres/postmaster.pid")));
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor();
                throw new IllegalStateException("the server did not stop within 60 s after SIGTERM; see " + log);
            }
        }
    }

    private static Run report(String kind, int i, Run run) {
        System.out.printf("%s %d: healthy after %d ms, JVM RSS %d MB, PostgreSQL RSS %d MB%n", kind, i, run.millis(),
                run.jvmRssKb() / 1024, run.postgresRssKb() / 1024);
        return run;
    }

    private static String row(String label, List<Run> runs) {
        List<Long> ms = runs.stream().map(Run::millis).sorted().toList();
        return String.format("| %s | %d | %.1f s | %.1f s | %.1f s | %d MB | %d MB |", label, runs.size(),
                ms.get(0) / 1000.0, median(ms) / 1000.0, ms.get(ms.size() - 1) / 1000.0,
                median(runs.stream().map(Run::jvmRssKb).sorted().toList()) / 1024,
                median(runs.stream().map(Run::postgresRssKb).sorted().toList()) / 1024);
    }

    private static long median(List<Long> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** VmRSS of one process, in kB (0 if unknown). */
    private static long rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The proportional set size (Pss) of the postmaster and all its children, in kB: RSS would count their shared
     * buffers once per process.
     */
    private static long postgresRssKb(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
            return ProcessHandle.of(pid).map(p -> Stream.concat(Stream.of(p), p.descendants())
                    .mapToLong(h -> pssKb(h.pid())).sum()).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long pssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup")).stream()
                    .filter(l -> l.startsWith("Pss:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                    .findFirst().orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What the figures were measured on. */
    static final class Machine {
        private Machine() {
        }

        static String describe(Path java) throws IOException, InterruptedException {
            return "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)
                    + "\nCPU: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available"
                    + "\nMemory: " + memTotalMb() + " MB"
                    + "\nOS: " + osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                    + ", " + System.getProperty("os.arch") + ")"
                    + "\nLoad average before the runs: " + loadAverage()
                    + "\njava -version:\n" + javaVersion(java).indent(2).stripTrailing();
        }

        static String loadAverage() {
            try {
                return Files.readString(Path.of("/proc/loadavg")).trim();
            } catch (IOException e) {
                return "unknown";
            }
        }

        private static String cpuModel() {
            return grep(Path.of("/proc/cpuinfo"), "model name");
        }

        private static String memTotalMb() {
            String kb = grep(Path.of("/proc/meminfo"), "MemTotal").replaceAll("\\D", "");
            return kb.isEmpty() ? "unknown" : Long.toString(Long.parseLong(kb) / 1024);
        }

        private static String osName() {
            String pretty = grep(Path.of("/etc/os-release"), "PRETTY_NAME");
            return pretty.replace("\"", "");
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
