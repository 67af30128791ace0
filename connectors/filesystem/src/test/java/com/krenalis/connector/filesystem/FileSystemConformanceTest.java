package com.krenalis.connector.filesystem;

import com.krenalis.api.connector.Connector;
import com.krenalis.conformance.FileStorageConformance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The shared suite on a temporary directory. */
class FileSystemConformanceTest extends FileStorageConformance {
    @TempDir
    Path dir;

    @Override
    protected Connector connector() {
        return new FileSystemConnector(AllowedRoots.ANY);
    }

    @Override
    protected Map<String, Object> settings() {
        return Map.of("root", root().toString());
    }

    @Override
    protected Map<String, Object> unreachableSettings() {
        return Map.of("root", dir.resolve("does-not-exist").toString());
    }

    @Override
    protected Map<String, Object> invalidSettings() {
        return Map.of("root", "relative/dir");
    }

    @Override
    protected String invalidField() {
        return "root";
    }

    @Override
    protected void put(String path, byte[] content) throws Exception {
        Path file = root().resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** A root one level down, so that "../outside.txt" has somewhere to be. */
    private Path root() {
        Path root = dir.resolve("root");
        try {
            Files.createDirectories(root);
            Files.writeString(dir.resolve("outside.txt"), "secret outside the root");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return root;
    }
}
