package com.krenalis.itests.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL of a server, seen from outside: its postmaster is named by {@code postmaster.pid} in the
 * data dir and, as PostgreSQL daemonises, it is not a child of the server process.
 */
final class PostgresProcess {
    private PostgresProcess() {
    }

    /** The pid in {@code postmaster.pid}, if the file exists (PostgreSQL removes it on a clean shutdown). */
    static Optional<Long> pid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() || !lines.get(0).trim().matches("\\d+")
                    ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException absent) {
            return Optional.empty();
        }
    }

    /** The postmaster the pid file names, if it runs (and is PostgreSQL: pids get reused). */
    static Optional<ProcessHandle> running(Path pidFile) {
        return pid(pidFile).flatMap(ProcessHandle::of).filter(PostgresProcess::running)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
    }

    static boolean running(long pid) {
        return ProcessHandle.of(pid).map(PostgresProcess::running).orElse(false);
    }

    /**
     * Whether a process runs. Unlike {@link ProcessHandle#isAlive()}, a zombie does not count: a stopped PostgreSQL
     * stays a zombie until pid 1 reaps it, which some containers' pid 1 does late.
     */
    static boolean running(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"), StandardCharsets.US_ASCII);
            // "pid (comm) state ...": comm may contain spaces and parentheses, so read after the last ')'
            return stat.substring(stat.lastIndexOf(')') + 2).charAt(0) != 'Z';
        } catch (IOException | RuntimeException noProcOrGone) {
            return p.isAlive() && !Files.isDirectory(Path.of("/proc"));
        }
    }

    /** SIGTERM, then waits until it no longer runs (kill -9 after the timeout). */
    static void stop(ProcessHandle p, Duration timeout) {
        p.destroy();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running(p) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (running(p)) {
            p.destroyForcibly();
        }
    }
}
