package com.krenalis.connector.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.CheckResult;
import com.krenalis.api.connector.ConnectorException;
import com.krenalis.api.connector.FileStorage.FileEntry;
import com.krenalis.api.settings.FieldError;
import com.krenalis.api.settings.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemConnectorTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;
    final FileSystemConnector connector = new FileSystemConnector(AllowedRoots.ANY);

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not yours");
    }

    private Settings settings(Path root) throws Exception {
        return connector.spec().settings().validate(Map.of("root", root.toString()));
    }

    private String read(String path) throws Exception {
        try (InputStream in = connector.open(settings(root), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aLinkLeadingOutsideTheRootIsRefusedEverywhere() throws Exception {
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("secret.txt"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dangling"), outside.resolve("not-yet"));
        for (String path : List.of("escape/secret.txt", "secret.txt")) {
            ConnectorException e = assertThrows(ConnectorException.class, () -> read(path), path);
            assertTrue(e.getMessage().contains("outside the root"), e.getMessage());
        }
        assertThrows(ConnectorException.class, () -> connector.list(settings(root), "escape"));
        assertThrows(ConnectorException.class, () -> connector.create(settings(root), "escape/new.txt"));
        assertThrows(ConnectorException.class, () -> connector.create(settings(root), "dangling"));
        assertFalse(Files.exists(outside.resolve("new.txt")));
        assertFalse(Files.exists(outside.resolve("not-yet")));
        assertEquals(List.of(), connector.list(settings(root), ""), "the outside file is not listed through its link");
    }

    @Test
    void aLinkStayingInsideTheRootIsFollowed() throws Exception {
        Files.createDirectories(root.resolve("data"));
        Files.writeString(root.resolve("data/a.csv"), "a");
        Files.createSymbolicLink(root.resolve("current"), root.resolve("data"));
        assertEquals("a", read("current/a.csv"));
    }

    @Test
    void aRootThatIsALinkIsFollowedToItsTarget() throws Exception {
        Files.writeString(outside.resolve("b.csv"), "b");
        Path link = Files.createSymbolicLink(dir.resolve("linked-root"), outside);
        try (InputStream in = connector.open(settings(link), "b.csv")) {
            assertEquals("b", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void listIsNotRecursiveAndSorted() throws Exception {
        Files.createDirectories(root.resolve("d/sub"));
        Files.writeString(root.resolve("d/z.csv"), "zz");
        Files.writeString(root.resolve("d/a.csv"), "a");
        Files.writeString(root.resolve("d/sub/deep.csv"), "deep");
        assertEquals(List.of("d/a.csv", "d/z.csv"), connector.list(settings(root), "d").stream().map(FileEntry::path).toList());
        assertEquals(List.of(), connector.list(settings(root), ""), "the root holds only a directory");
        assertThrows(ConnectorException.class, () -> connector.list(settings(root), "d/a.csv"));
        assertThrows(ConnectorException.class, () -> connector.list(settings(root), "nope"));
    }

    @Test
    void readersNeverSeeAHalfWrittenFile() throws Exception {
        Files.writeString(root.resolve("out.csv"), "old");
        OutputStream out = connector.create(settings(root), "out.csv");
        out.write("new content".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("old", read("out.csv"), "the old file stays until close");
        assertEquals(List.of("out.csv"), connector.list(settings(root), "").stream().map(FileEntry::path).toList(),
                "the temporary file of the write in progress is not listed");
        try (var files = Files.list(root)) {
            assertEquals(2, files.count(), "the new content is in a temporary file beside the target");
        }
        out.close();
        assertEquals("new content", read("out.csv"));
        try (var files = Files.list(root)) {
            assertEquals(List.of(root.resolve("out.csv")), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aMissingRootFailsCheckNamingRoot() throws Exception {
        CheckResult result = connector.check(settings(dir.resolve("missing")), Duration.ofSeconds(5));
        assertFalse(result.ok());
        assertEquals("root", result.field());
        assertTrue(result.message().contains("does not exist"), result.message());
        assertTrue(connector.check(settings(root), Duration.ofSeconds(5)).ok());
    }

    @Test
    void allowedRootsRestrictTheRootAConnectionMayName() throws Exception {
        FileSystemConnector restricted = new FileSystemConnector(AllowedRoots.parse(" " + root + " , /srv/krenalis "));
        Files.createDirectories(root.resolve("sub"));
        assertEquals(List.of(), restricted.validate(settings(root)));
        assertEquals(List.of(), restricted.validate(settings(root.resolve("sub"))), "beneath an allowed root");

        List<FieldError> errors = restricted.validate(settings(outside));
        assertEquals(1, errors.size());
        assertEquals("root", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("allowedRoots"), errors.get(0).message());

        CheckResult check = restricted.check(settings(outside), Duration.ofSeconds(5));
        assertFalse(check.ok());
        assertEquals("root", check.field());
        assertThrows(ConnectorException.class, () -> restricted.open(settings(outside), "secret.txt"),
                "settings saved before the operator restricted the roots are refused at run time too");
        assertFalse(restricted.validate(settings(Path.of(root + "-sibling"))).isEmpty(), "a prefix of a name is not a parent");
    }

    @Test
    void anAllowedRootReachedThroughALinkToElsewhereIsRefused() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("link-out"), outside);
        FileSystemConnector restricted = new FileSystemConnector(AllowedRoots.parse(root.toRealPath().toString()));
        assertEquals(List.of(), restricted.validate(settings(link)), "by name it is inside");
        CheckResult check = restricted.check(settings(link), Duration.ofSeconds(5));
        assertFalse(check.ok(), check.message());
        assertTrue(check.message().contains("link"), check.message());
    }

    @Test
    void aRelativeAllowedRootIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> AllowedRoots.parse("relative/dir"));
        assertTrue(AllowedRoots.parse(" , ").any());
    }

    @Test
    void largeWritesArriveWhole() throws Exception {
        byte[] content = new byte[3 << 20];
        new java.util.Random(1).nextBytes(content);
        try (OutputStream out = connector.create(settings(root), "deep/er/blob.bin")) {
            out.write(content);
        }
        assertArrayEquals(content, Files.readAllBytes(root.resolve("deep/er/blob.bin")));
    }
}
