package com.krenalis.connector.filesystem;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes to a temporary file beside the target and renames it into place on {@link #close()}, so that a reader sees
 * the old file or the whole new one, never a half-written one. A rename within one directory is atomic on the file
 * systems the server runs on; it replaces the directory entry, so a symbolic link at the target is replaced, not
 * followed. If the stream is abandoned unclosed, the temporary file (".name.*.part") is left behind.
 */
final class AtomicFileOutputStream extends FilterOutputStream {
    private static final String SUFFIX = ".part";
    private final Path temp;
    private final Path target;
    private boolean closed;

    private AtomicFileOutputStream(OutputStream out, Path temp, Path target) {
        super(out);
        this.temp = temp;
        this.target = target;
    }

    static AtomicFileOutputStream create(Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", SUFFIX);
        try {
            return new AtomicFileOutputStream(Files.newOutputStream(temp), temp, target);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Whether a file name is that of a write in progress (hidden from listings). */
    static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(SUFFIX);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
