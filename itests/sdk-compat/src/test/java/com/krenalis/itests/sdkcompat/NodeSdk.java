package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Node.js SDKs under test. {@link #installAll} installs them, at the versions the pom pins, from the npm registry
 * into {@code target/node} (npm's cache in {@code target/npm-cache}: nothing is kept outside {@code target/});
 * {@link #send} runs {@code src/test/node/send-events.cjs} with one of them and returns what the SDK reported.
 */
enum NodeSdk {
    SEGMENT("segment", "@segment/analytics-node", "segment.node.version", "@segment/analytics-node"),
    RUDDERSTACK("rudderstack", "@rudderstack/rudder-sdk-node", "rudderstack.node.version", "analytics-node");

    /** What npm prints when it cannot reach the registry. */
    private static final Pattern UNREACHABLE = Pattern.compile(
            "ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ERR_SOCKET|socket hang up"
                    + "|network|request to \\S+ failed|proxy", Pattern.CASE_INSENSITIVE);
    private static final int TIMED_OUT = -1;
    private static final String TIMED_OUT_LINE = "killed by the test: still running after ";
    private static AssertionError installFailure;
    private static boolean installed;

    private final String script;
    private final String packageName;
    private final String versionProperty;
    /** The {@code context.library.name} the SDK sets. */
    final String library;

    NodeSdk(String script, String packageName, String versionProperty, String library) {
        this.script = script;
        this.packageName = packageName;
        this.versionProperty = versionProperty;
        this.library = library;
    }

    String version() {
        String version = System.getProperty(versionProperty);
        if (version == null) {
            throw new IllegalStateException("no " + versionProperty + ": run the tests through Maven, whose pom pins it");
        }
        return version;
    }

    /**
     * Installs every SDK with {@code npm install}, once per test JVM.
     *
     * @throws AssertionError saying that npm was unreachable, or how the install failed (every later call throws the same)
     */
    static synchronized void installAll() {
        if (installFailure != null) {
            throw installFailure;
        }
        if (installed) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund", "--no-save",
                "--no-package-lock", "--ignore-scripts", "--fetch-retries=1", "--fetch-timeout=30000",
                "--cache", target("npm-cache").toString(), "--prefix", nodeDir().toString()));
        for (NodeSdk sdk : values()) {
            command.add(sdk.packageName + "@" + sdk.version());
        }
        Path log = logs().resolve("npm-install.log");
        int exit = run(command, log, 180);
        String output = read(log);
        if (exit != 0) {
            List<String> lines = output.lines().toList();
            String tail = "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
            // npm still waiting for the registry after minutes is as unreachable as one that says so.
            installFailure = new AssertionError(exit == TIMED_OUT || UNREACHABLE.matcher(output).find()
                    ? "npm was unreachable: npm install could not reach the npm registry, so the Node.js SDKs could not be"
                    + " installed and are not tested. " + String.join(" ", command) + " exited with " + exit + ":" + tail
                    : "npm install of the Node.js SDKs failed with exit code " + exit + ": " + String.join(" ", command)
                    + tail);
            throw installFailure;
        }
        for (NodeSdk sdk : values()) {
            Path manifest = nodeDir().resolve("node_modules").resolve(sdk.packageName).resolve("package.json");
            String installedVersion = ExactJson.read(read(manifest)).path("version").asText();
            if (!installedVersion.equals(sdk.version())) {
                throw installFailure = new AssertionError("npm installed " + sdk.packageName + " " + installedVersion
                        + ", not the pinned " + sdk.version());
            }
        }
        installed = true;
    }

    /** Sends the test events with this SDK to the server under the source's write key; flushes and closes the SDK. */
    SdkReport send(KrenalisServer server, EventSource source) {
        Path scripts = Path.of(System.getProperty("sdk.node.scripts", "src/test/node")).toAbsolutePath();
        Path report = logs().resolve(script + "-node-report.json");
        Path log = logs().resolve(script + "-node.log");
        try {
            Files.deleteIfExists(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int exit = run(List.of("node", scripts.resolve("send-events.cjs").toString(), script, nodeDir().toString(),
                TestEvents.file().toString(), server.baseUri().toString(), source.writeKey(), report.toString()), log, 90);
        if (exit != 0 || !Files.isRegularFile(report)) {
            throw new AssertionError("send-events.cjs " + script + " exited with " + exit + "\n" + read(log));
        }
        JsonNode r = ExactJson.read(read(report));
        List<String> ids = new ArrayList<>();
        r.path("messageIds").forEach(id -> ids.add(id.isNull() ? null : id.asText()));
        List<String> failures = new ArrayList<>();
        r.path("failures").forEach(f -> failures.add(f.asText()));
        List<String> diagnostics = new ArrayList<>(List.of("node " + r.path("node").asText() + "; report " + report
                + "; SDK output " + log));
        r.path("exchanges").forEach(x -> diagnostics.add("HTTP exchange: " + x));
        read(log).lines().forEach(line -> diagnostics.add("SDK output: " + line));
        return new SdkReport(packageName + " " + r.path("version").asText(), ids, failures, diagnostics);
    }

    /**
     * Runs a command of ours, output to {@code log}. One that outlives the timeout is killed (by its own handle) and
     * counts as exit code {@value #TIMED_OUT}, with a last line in the log saying so.
     */
    private static int run(List<String> command, Path log, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                Files.writeString(log, "\n" + TIMED_OUT_LINE + timeoutSeconds + " s", StandardOpenOption.APPEND);
                return TIMED_OUT;
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " could not be started (is Node.js " + command.get(0)
                    + " on the PATH?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static Path nodeDir() {
        return Path.of(System.getProperty("sdk.node.dir", "target/node")).toAbsolutePath();
    }

    private static Path target(String name) {
        return nodeDir().resolveSibling(name);
    }

    private static Path logs() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("sdk.logs.dir", "target/sdk-logs")).toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
