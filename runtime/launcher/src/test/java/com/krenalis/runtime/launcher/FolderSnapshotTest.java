package com.krenalis.runtime.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSnapshotTest {
    @TempDir
    Path dir;

    private FolderSnapshot snapshot() throws Exception {
        return FolderSnapshot.of(List.of(dir, dir.resolve("missing")));
    }

    @Test
    void onlyJarsCountAndAMissingFolderIsEmpty() throws Exception {
        Files.writeString(dir.resolve("a.jar"), "a");
        Files.writeString(dir.resolve("README.txt"), "r");
        assertEquals(List.of(dir.resolve("a.jar")), List.copyOf(snapshot().jars().keySet()));
    }

    @Test
    void aJarIsAddedOnceItLooksTheSameTwice() throws Exception {
        FolderSnapshot empty = snapshot();
        Path jar = Files.writeString(dir.resolve("a.jar"), "a");
        FolderSnapshot first = snapshot();
        assertTrue(first.since(Map.of(), empty).none(), "a jar seen once may still be being written");
        FolderSnapshot second = snapshot();
        assertEquals(List.of(jar), second.since(Map.of(), first).added());
    }

    @Test
    void aReplacedJarIsChangedAndADeletedOneRemovedAtOnce() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "a");
        Path gone = Files.writeString(dir.resolve("b.jar"), "b");
        FolderSnapshot installed = snapshot();
        Files.writeString(jar, "a, version 2");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        Files.delete(gone);
        FolderSnapshot once = snapshot();
        FolderSnapshot.Changes changes = once.since(installed.jars(), installed);
        assertEquals(List.of(), changes.changed());
        assertEquals(List.of(gone), changes.removed());
        changes = snapshot().since(installed.jars(), once);
        assertEquals(List.of(jar), changes.changed());
        assertEquals(List.of(), changes.added());
    }
}
