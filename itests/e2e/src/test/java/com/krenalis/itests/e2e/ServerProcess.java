package com.krenalis.itests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the real server: {@code java -jar krenalis.jar} of the built distribution, in its own process, with its
 * output (stdout and stderr) in a log file under {@code target/e2e-logs}. Stop it like an operator would: SIGTERM
 * ({@link #stop}) or kill -9 ({@link #kill}).
 */
final class ServerProcess implements AutoCloseable {
    static final Pattern GENERATED_KEY = Pattern.compile("Admin API key \\(shown once; store it now\\): (\\S+)");
    private static final List<ServerProcess> STARTED = new CopyOnWriteArrayList<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Path LOGS = Distribution.freshLogsDir();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    static {
        // A test JVM that dies or is interrupted must not leave servers (or their PostgreSQL) behind.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> STARTED.forEach(ServerProcess::destroyEverything)));
    }

    private final String name;
    private final ServerSetup setup;
    private final Process process;
    private final Path logFile;
    private final long startNanos;

    private ServerProcess(String name, ServerSetup setup, Process process, Path logFile, long startNanos) {
        this.name = name;
        this.setup = setup;
        this.process = process;
        this.logFile = logFile;
        this.startNanos = startNanos;
    }

    /** Starts the server; {@code name} names its log file. Does not wait for it to be up. */
    static ServerProcess start(String name, ServerSetup setup) {
        return start(name, setup, Distribution.jar());
    }

    /** Starts the server of another copy of the distribution ({@link Distribution#copyTo}). */
    static ServerProcess start(String name, ServerSetup setup, Path jar) {
        Path log = LOGS.resolve(String.format("%02d-%s.log", COUNTER.incrementAndGet(), name));
        ProcessBuilder pb = new ProcessBuilder(Distribution.java().toString(), "-jar", jar.toString())
                .directory(jar.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("KRENALIS_"));
        pb.environment().putAll(setup.processEnvironment());
        try {
            long t0 = System.nanoTime();
            ServerProcess server = new ServerProcess(name, setup, pb.start(), log, t0);
            STARTED.add(server);
            trace("started " + server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    /** Every server started by this JVM, in order. */
    static List<ServerProcess> started() {
        return List.copyOf(STARTED);
    }

    /**
     * Waits until {@code GET /v1/health} answers 200.
     *
     * @return the time from the process start to that answer
     * @throws AssertionError with the log if the deadline passes or the process exits first
     */
    Duration waitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(uri("/v1/health")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with code " + process.exitValue()
                        + " before it was healthy\n" + logForHumans());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - startNanos);
                }
            } catch (IOException notListeningYet) {
                // retried below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            sleep(100);
        }
        throw new AssertionError(name + " was not healthy within " + timeout.toSeconds() + " s\n" + logForHumans());
    }

    /**
     * SIGTERM, as an operator or a service manager stops the server.
     *
     * @return the exit code
     * @throws AssertionError if it has not exited within the timeout (it is then killed)
     */
    int stop(Duration timeout) {
        trace("SIGTERM to " + this);
        process.destroy();
        return awaitExit(timeout);
    }

    /** kill -9: no shutdown hook runs, the embedded PostgreSQL is left behind. Returns the exit code. */
    int kill() {
        trace("kill -9 of " + this);
        process.destroyForcibly();
        return awaitExit(Duration.ofSeconds(30));
    }

    /** Waits for the process to end by itself; kills it and fails if it does not. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s\n" + logForHumans());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    ServerSetup setup() {
        return setup;
    }

    URI uri(String path) {
        return setup.baseUri().resolve(path);
    }

    /** A client with the given key (null for none). */
    AdminApi api(String key) {
        return new AdminApi(setup.baseUri(), key);
    }

    /** All output so far. */
    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path logFile() {
        return logFile;
    }

    /** The admin key this run generated and printed, if it printed one. */
    Optional<String> generatedAdminKey() {
        Matcher m = GENERATED_KEY.matcher(log());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The log, framed, for failure messages and the console. */
    String logForHumans() {
        return "----- " + name + " log (" + logFile + ") -----\n" + log() + "----- end of " + name + " log -----";
    }

    /** The embedded PostgreSQL's postmaster, if it runs. */
    Optional<ProcessHandle> postgres() {
        return PostgresProcess.running(setup.postmasterPid());
    }

    /** The pid in the embedded PostgreSQL's pid file, if the file exists. */
    Optional<Long> postmasterPid() {
        return PostgresProcess.pid(setup.postmasterPid());
    }

    /** Stops the server if it still runs (SIGTERM, then kill -9) and any PostgreSQL left on its data dir. */
    @Override
    public void close() {
        if (process.isAlive()) {
            trace("closing " + this + ": SIGTERM");
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        postgres().ifPresent(pg -> {
            trace("closing " + this + ": SIGTERM to its PostgreSQL, pid " + pg.pid());
            PostgresProcess.stop(pg, Duration.ofSeconds(30));
        });
    }

    /** Progress on the test's output, so that the order of events across servers can be followed. */
    static void trace(String message) {
        System.out.println(Instant.now() + " [e2e] " + message);
    }

    private void destroyEverything() {
        process.destroyForcibly();
        postgres().ifPresent(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", " + setup.baseUri() + ")";
    }
}
