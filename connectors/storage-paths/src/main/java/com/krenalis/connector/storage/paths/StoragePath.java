package com.krenalis.connector.storage.paths;

import com.krenalis.api.connector.ConnectorException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path relative to a storage's root, checked once so that no connector has to: "/"-separated segments, none of them
 * empty, "." or "..", with no backslash and no control character. It cannot name anything outside the root (what a
 * symbolic link or a redirect leads to is for each connector to check).
 *
 * <p>Messages quote the path only once it is known to hold no control character, so that a NUL cannot cut a log line.
 */
public record StoragePath(List<String> segments) {

    public StoragePath {
        segments = List.copyOf(segments);
    }

    /** The root itself. */
    public static final StoragePath ROOT = new StoragePath(List.of());

    /** A path naming a file: not empty. */
    public static StoragePath file(String path) throws ConnectorException {
        StoragePath parsed = parse(path);
        if (parsed.isRoot()) {
            throw new ConnectorException("a file path is required");
        }
        return parsed;
    }

    /** A path naming a directory: "" is the root, and one trailing "/" is allowed ("dir/"). */
    public static StoragePath directory(String path) throws ConnectorException {
        if (path != null && path.endsWith("/") && path.length() > 1) {
            return parse(path.substring(0, path.length() - 1));
        }
        return parse(path);
    }

    private static StoragePath parse(String path) throws ConnectorException {
        if (path == null) {
            throw new ConnectorException("a path is required");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isISOControl(c)) {
                throw new ConnectorException("path refused: it contains a control character (code " + (int) c + ")");
            }
        }
        if (path.indexOf('\\') >= 0) {
            throw new ConnectorException("path refused: it contains a backslash; use \"/\" between directories: " + path);
        }
        if (path.isEmpty()) {
            return ROOT;
        }
        if (path.startsWith("/")) {
            throw new ConnectorException("path refused: it must be relative to the root, not start with \"/\": " + path);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw new ConnectorException("path refused: \"..\" would leave the root: " + path);
            }
            if (segment.isEmpty() || segment.equals(".")) {
                throw new ConnectorException("path refused: empty or \".\" segment: " + path);
            }
            if (!isPlainName(percentDecoded(segment))) {
                // Literal to us, but a server or proxy that decodes once more would read "..", "/" or "\\".
                throw new ConnectorException("path refused: a segment percent-decodes to \"..\", a separator or a "
                        + "control character: " + path);
            }
            segments.add(segment);
        }
        return new StoragePath(segments);
    }

    /** {@code segment} with each "%XX" replaced by the character of that code (as Latin-1: enough to spot ASCII). */
    private static String percentDecoded(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length()
                    && Character.digit(segment.charAt(i + 1), 16) >= 0 && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                out.append((char) Integer.parseInt(segment.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    /** The last segment. */
    public String name() {
        return segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    }

    /** The directory holding this path (the root for a top-level name). */
    public StoragePath parent() {
        return segments.isEmpty() ? this : new StoragePath(segments.subList(0, segments.size() - 1));
    }

    /** This directory path with one more segment (a name found by listing, already known to be a plain name). */
    public StoragePath child(String name) {
        List<String> more = new ArrayList<>(segments);
        more.add(name);
        return new StoragePath(more);
    }

    /** Whether a name found by listing a directory can be returned as a path segment. */
    public static boolean isPlainName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return false;
        }
        return name.chars().noneMatch(Character::isISOControl);
    }

    /** "dir/file.csv", or "" for the root. */
    @Override
    public String toString() {
        return String.join("/", segments);
    }
}
