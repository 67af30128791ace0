package com.krenalis.runtime.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The bundle jars of some folders at one moment (file, size, modification time), and what changed from an earlier
 * moment. A jar counts as added or changed only once it looks the same in two consecutive snapshots, so a jar being
 * copied is not installed half-written.
 */
record FolderSnapshot(Map<Path, Stamp> jars) {

    record Stamp(long size, long modifiedMillis) {
    }

    /** What to do to go from the installed state to the folders' content. */
    record Changes(List<Path> added, List<Path> changed, List<Path> removed) {
        boolean none() {
            return added.isEmpty() && changed.isEmpty() && removed.isEmpty();
        }
    }

    static FolderSnapshot of(List<Path> folders) throws IOException {
        Map<Path, Stamp> jars = new LinkedHashMap<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    try {
                        BasicFileAttributes a = Files.readAttributes(jar, BasicFileAttributes.class);
                        jars.put(jar, new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                    } catch (IOException e) {
                        // deleted between the listing and now: absent
                    }
                }
            }
        }
        return new FolderSnapshot(Map.copyOf(jars));
    }

    /**
     * From {@code installed} (the stamps the installed bundles were read from) to this snapshot, acting only on jars
     * that {@code previous} (the snapshot before this one) saw the same.
     */
    Changes since(Map<Path, Stamp> installed, FolderSnapshot previous) {
        List<Path> added = new ArrayList<>();
        List<Path> changed = new ArrayList<>();
        List<Path> removed = new ArrayList<>();
        for (Map.Entry<Path, Stamp> e : jars.entrySet()) {
            Stamp was = installed.get(e.getKey());
            boolean settled = e.getValue().equals(previous.jars.get(e.getKey()));
            if (was == null && settled) {
                added.add(e.getKey());
            } else if (was != null && !was.equals(e.getValue()) && settled) {
                changed.add(e.getKey());
            }
        }
        for (Path jar : installed.keySet()) {
            if (!jars.containsKey(jar)) {
                removed.add(jar);
            }
        }
        return new Changes(added, changed, removed);
    }
}
