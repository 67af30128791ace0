package com.krenalis.connector.filesystem;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories an operator lets connections name as their root (the {@code allowedRoots} property of the
 * configuration {@value FileSystemConnector#PID}). Empty means any directory. A root is allowed when it is one of them
 * or lies beneath one, compared on normalized absolute paths (and, by {@link Confinement}, on real paths at run time).
 */
record AllowedRoots(List<Path> roots) {
    static final AllowedRoots ANY = new AllowedRoots(List.of());

    AllowedRoots {
        roots = List.copyOf(roots);
    }

    /** From the comma-separated property; blank entries are ignored, a relative entry is an operator's error. */
    static AllowedRoots parse(String property) {
        List<Path> roots = new ArrayList<>();
        if (property != null) {
            for (String entry : property.split(",")) {
                String trimmed = entry.strip();
                if (trimmed.isEmpty()) {
                    continue;
                }
                Path path = Path.of(trimmed);
                if (!path.isAbsolute()) {
                    throw new IllegalArgumentException("allowedRoots: '" + trimmed + "' is not an absolute path");
                }
                roots.add(path.normalize());
            }
        }
        return new AllowedRoots(roots);
    }

    boolean any() {
        return roots.isEmpty();
    }

    /** Whether {@code root} (absolute) is allowed; pass real paths too where they exist. */
    boolean allows(Path root) {
        Path normalized = root.normalize();
        return any() || roots.stream().anyMatch(normalized::startsWith);
    }

    /** For messages: the allowed directories, as the operator wrote them. */
    @Override
    public String toString() {
        return roots.stream().map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("any");
    }
}
