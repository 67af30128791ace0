package com.krenalis.itests.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Where the build put what the tests need; the pom passes the folders as system properties. */
final class Distribution {
    private Distribution() {
    }

    /** {@code runtime/distribution/target/krenalis/krenalis.jar}. */
    static Path jar() {
        Path jar = folder("krenalis.distribution.dir", "../../runtime/distribution/target/krenalis").resolve("krenalis.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server at " + jar + ": build it first (mvn -pl runtime/distribution -am install)");
        }
        return jar;
    }

    /**
     * A copy of the whole distribution under {@code root}, for a test that changes the distribution's own folders
     * (e.g. removes a bundle from {@code bundles/engines}) while its server runs. Returns the copy's krenalis.jar.
     */
    static Path copyTo(Path root) {
        Path source = jar().getParent();
        Path target = root.resolve("krenalis");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path copy = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(p, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.resolve("krenalis.jar");
    }

    /** The java of the JVM running the tests, so that the server runs on the same JDK. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Where the server logs go: created, and emptied of the logs of an earlier run (file names restart at 01). */
    static Path freshLogsDir() {
        Path dir = folder("e2e.logs.dir", "target/e2e-logs");
        try (Stream<Path> old = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            for (Path log : old.filter(p -> p.toString().endsWith(".log")).toList()) {
                Files.delete(log);
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture bundle copied by the pom from {@code itests/fixtures}, e.g. {@code krenalis-fixture-hello-connector-v2.jar}. */
    static Path fixture(String fileName) {
        Path jar = folder("e2e.fixtures.dir", "target/fixtures").resolve(fileName);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no fixture bundle " + jar + ": run the tests through Maven (mvn verify), which copies it");
        }
        return jar;
    }

    private static Path folder(String property, String fallback) {
        return Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
    }
}
