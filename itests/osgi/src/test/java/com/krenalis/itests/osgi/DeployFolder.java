package com.krenalis.itests.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.osgi.framework.BundleContext;

/**
 * The server's hot-deployment folder (FileInstall) and the fixture jars (itests/fixtures) the tests drop into it.
 * Runs inside the framework.
 */
final class DeployFolder {
    private final Path dir;
    private final Path fixtures;

    DeployFolder(BundleContext context) {
        this.dir = Path.of(context.getProperty(KrenalisServer.DEPLOY_DIR));
        this.fixtures = Path.of(context.getProperty(KrenalisServer.FIXTURES_DIR));
    }

    /**
     * Copies a fixture jar into the folder as {@code fileName}, replacing a file of that name, and returns the
     * {@link System#nanoTime()} at which it appeared. The copy is written under another name and renamed, as an
     * operator should deploy, so that FileInstall (which only looks at *.jar) never reads a half-written jar.
     */
    long deploy(String fixtureJar, String fileName) {
        Path source = fixtures.resolve(fixtureJar);
        Path partial = dir.resolve(fileName + ".part");
        try {
            Files.copy(source, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the file if present and returns the {@link System#nanoTime()} at which it was gone. */
    long remove(String fileName) {
        try {
            Files.deleteIfExists(dir.resolve(fileName));
            return System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
