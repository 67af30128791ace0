package com.krenalis.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.ConnectorKind;
import com.krenalis.api.connector.FileStorage;
import com.krenalis.api.settings.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite of a file-storage connector ({@link FileStorage}). The test gives it a live storage and puts
 * files in it by its own means; the suite reads, lists and writes them through the connector, and tries to leave the
 * root the settings confine it to.
 */
public abstract class FileStorageConformance {

    /** The connector under test; it must implement {@link FileStorage}. */
    protected abstract Connector connector();

    /** Settings that reach the storage the test puts files in. */
    protected abstract Map<String, Object> settings();

    /** Settings that validate but cannot work (a closed port, a wrong password, a root that does not exist). */
    protected abstract Map<String, Object> unreachableSettings();

    /** Settings that do not validate, and the field they break. */
    protected abstract Map<String, Object> invalidSettings();

    protected abstract String invalidField();

    /** Puts a file at a path relative to the root the settings name, by the test's own means. */
    protected abstract void put(String path, byte[] content) throws Exception;

    /** Whether the storage can list directories (an HTTP server cannot). */
    protected boolean listable() {
        return true;
    }

    /** Whether the storage can be written (an HTTP server cannot). */
    protected boolean writable() {
        return true;
    }

    private FileStorage storage() {
        assertTrue(connector() instanceof FileStorage, "the connector does not implement FileStorage");
        return (FileStorage) connector();
    }

    private Settings valid() {
        return Conformance.valid(connector().spec().settings(), settings());
    }

    private byte[] read(String path) throws Exception {
        try (InputStream in = storage().open(valid(), path)) {
            return in.readAllBytes();
        }
    }

    @Test
    void specIsSound() {
        Conformance.specIsSound(connector(), ConnectorKind.FILE_STORAGE);
        storage();
    }

    @Test
    void invalidSettingsNameTheField() {
        Conformance.invalidSettingsNameTheField(connector().spec().settings(), invalidSettings(), invalidField());
    }

    @Test
    void checkPassesWithGoodSettings() {
        CheckResult result = connector().check(valid(), Duration.ofSeconds(10));
        assertTrue(result.ok(), "check failed: " + result.message());
    }

    @Test
    void checkFailsPromptlyAndSaysWhy() {
        Conformance.checkFails(connector(), Conformance.valid(connector().spec().settings(), unreachableSettings()));
    }

    @Test
    void openReadsAFile() throws Exception {
        byte[] content = "id,email\nu1,ada@example.com\n".getBytes(StandardCharsets.UTF_8);
        put("users/ada.csv", content);
        assertArrayEquals(content, read("users/ada.csv"));
    }

    @Test
    void aLargeFileIsReadWhole() throws Exception {
        byte[] content = new byte[8 << 20];
        new Random(7).nextBytes(content);
        put("large/blob.bin", content);
        assertArrayEquals(content, read("large/blob.bin"));
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() throws Exception {
        ConnectorException e = assertThrows(ConnectorException.class, () -> read("nowhere/missing.csv"));
        assertTrue(e.getMessage() != null && e.getMessage().contains("missing.csv"), "message: " + e.getMessage());
        Conformance.noSecretIn(valid(), e.getMessage());
    }

    @Test
    void pathsThatLeaveTheRootAreRefused() throws Exception {
        put("inside/file.txt", "x".getBytes(StandardCharsets.UTF_8));
        for (String path : List.of("../outside.txt", "inside/../../outside.txt", "inside/../../../etc/passwd",
                "..", "inside/..\\..\\outside.txt", "inside/%2e%2e/%2e%2e/outside.txt", "nul\u0000.txt")) {
            assertThrows(ConnectorException.class, () -> read(path), "open " + path);
            if (writable()) {
                assertThrows(ConnectorException.class, () -> storage().create(valid(), path).close(), "create " + path);
            }
        }
    }

    @Test
    void listShowsTheFilesOfADirectory() throws Exception {
        if (!listable()) {
            assertThrows(ConnectorException.class, () -> storage().list(valid(), ""));
            return;
        }
        put("listed/a.csv", "abc".getBytes(StandardCharsets.UTF_8));
        put("listed/b.json", "[1,2]".getBytes(StandardCharsets.UTF_8));
        Map<String, Long> sizes = storage().list(valid(), "listed").stream()
                .collect(Collectors.toMap(FileStorage.FileEntry::path, FileStorage.FileEntry::size));
        assertEquals(Map.of("listed/a.csv", 3L, "listed/b.json", 5L), sizes);
        assertThrows(ConnectorException.class, () -> storage().list(valid(), "../"));
    }

    @Test
    void aCreatedFileReadsBackAndCanBeReplaced() throws Exception {
        if (!writable()) {
            assertThrows(ConnectorException.class, () -> storage().create(valid(), "out/new.csv"));
            return;
        }
        for (String text : List.of("first version\n", "second\n")) {
            try (OutputStream out = storage().create(valid(), "out/new.csv")) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            assertEquals(text, new String(read("out/new.csv"), StandardCharsets.UTF_8));
        }
        assertFalse(new String(read("out/new.csv"), StandardCharsets.UTF_8).contains("first"));
    }
}
