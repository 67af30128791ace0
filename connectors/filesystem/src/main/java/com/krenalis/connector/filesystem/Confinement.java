package com.krenalis.connector.filesystem;

import com.krenalis.api.connector.ConnectorException;
import com.krenalis.connector.storage.paths.StoragePath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A root directory and the rule that keeps every path under it. {@link StoragePath} has already refused "..",
 * absolute paths and odd characters; what is left is symbolic links: a path is resolved, and the real path of its
 * deepest existing ancestor (the path itself when it exists) must lie under the real root. A link inside the root that
 * points elsewhere inside the root is followed; one that points outside is refused.
 *
 * <p>The check and the use are two steps, so a user who can rename directories under the root between them could still
 * race it; the root is meant to be a directory the server's operator controls.
 */
final class Confinement {
    private final Path realRoot;

    private Confinement(Path realRoot) {
        this.realRoot = realRoot;
    }

    /** The real path of {@code root}, which must be an existing directory inside the allowed roots. */
    static Confinement of(String root, AllowedRoots allowed) throws ConnectorException {
        Path path = Path.of(root);
        if (!path.isAbsolute()) {
            throw new ConnectorException("root must be an absolute path: " + root);
        }
        if (!allowed.allows(path)) {
            throw new ConnectorException(notAllowed(root, allowed));
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ConnectorException("root directory does not exist: " + root);
        } catch (IOException e) {
            throw new ConnectorException("root directory cannot be read: " + root + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!Files.isDirectory(real)) {
            throw new ConnectorException("root is not a directory: " + root);
        }
        if (!allowed.allows(real)) {
            throw new ConnectorException(notAllowed(root, allowed) + " (it is a link to " + real + ")");
        }
        return new Confinement(real);
    }

    static String notAllowed(String root, AllowedRoots allowed) {
        return "root " + root + " is outside the directories this server allows (" + allowed
                + "; the operator sets them in the configuration " + FileSystemConnector.PID + ", allowedRoots)";
    }

    Path root() {
        return realRoot;
    }

    /** Where {@code path} lies, after checking that neither it nor an ancestor leads outside the root. */
    Path resolve(StoragePath path) throws ConnectorException {
        Path target = realRoot;
        for (String segment : path.segments()) {
            target = target.resolve(segment);
        }
        Path existing = target;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            // A dangling link: it points at nothing, possibly outside; refuse rather than create through it.
            throw new ConnectorException("path refused: " + path + " goes through a broken symbolic link");
        } catch (IOException e) {
            throw new ConnectorException("cannot resolve " + path + " (" + e.getClass().getSimpleName() + ")");
        }
        if (!real.startsWith(realRoot)) {
            throw new ConnectorException("path refused: " + path + " leads outside the root through a symbolic link");
        }
        return existing.equals(target) ? real : real.resolve(existing.relativize(target));
    }
}
