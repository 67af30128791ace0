package com.krenalis.connector.storage.paths;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.krenalis.api.connector.ConnectorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoragePathTest {

    @Test
    void relativePathsSplitIntoSegments() throws ConnectorException {
        assertEquals(List.of("users", "ada.csv"), StoragePath.file("users/ada.csv").segments());
        assertEquals("users/ada.csv", StoragePath.file("users/ada.csv").toString());
        assertEquals("ada.csv", StoragePath.file("users/ada.csv").name());
        assertEquals("users", StoragePath.file("users/ada.csv").parent().toString());
        assertEquals(List.of("100%", "%41b", "a%2e%2e"), StoragePath.file("100%/%41b/a%2e%2e").segments(),
                "percent signs are plain characters");
    }

    @Test
    void theRootIsTheEmptyDirectory() throws ConnectorException {
        assertTrue(StoragePath.directory("").isRoot());
        assertEquals("listed", StoragePath.directory("listed/").toString());
        assertThrows(ConnectorException.class, () -> StoragePath.file(""));
        assertThrows(ConnectorException.class, () -> StoragePath.directory("/"));
    }

    @Test
    void pathsThatCouldLeaveTheRootAreRefused() {
        for (String path : List.of("/etc/passwd", "..", "../x", "a/../../x", "a/..", "a\\..\\x", "a//b", "./a", "a/./b",
                "a/", "%2e%2e/x", "a/%2E%2e", "%2e", ".%2e", "a%2fb", "a%5Cb", "a%00b", "nul\u0000.txt", "line\nbreak", "del\u007f", "c1\u0085")) {
            assertThrows(ConnectorException.class, () -> StoragePath.file(path), path);
        }
        assertThrows(ConnectorException.class, () -> StoragePath.file(null));
        assertThrows(ConnectorException.class, () -> StoragePath.directory("../"));
    }

    @Test
    void aControlCharacterIsNotQuotedBack() {
        ConnectorException e = assertThrows(ConnectorException.class, () -> StoragePath.file("a\u0000b"));
        assertFalse(e.getMessage().contains("\u0000"), e.getMessage());
    }

    @Test
    void listedNamesMustBePlain() {
        assertTrue(StoragePath.isPlainName("a.csv"));
        for (String name : List.of("", ".", "..", "a/b", "a\\b", "a\nb")) {
            assertFalse(StoragePath.isPlainName(name), name);
        }
    }
}
