package com.krenalis.connector.format.support;

import com.krenalis.api.connector.ConnectorException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A temporary copy of a stream in {@code java.io.tmpdir}, for formats that need random access (a Parquet footer, a
 * zip's central directory); deleted on close. The copy goes to disk, not memory, so memory stays bounded.
 */
public final class Spool implements AutoCloseable {
    private final Path file;

    private Spool(Path file) {
        this.file = file;
    }

    /** An empty temporary file, to be filled by a writer. */
    public static Spool create(String suffix) throws ConnectorException {
        try {
            return new Spool(Files.createTempFile("krenalis-", suffix));
        } catch (IOException e) {
            throw new ConnectorException("cannot create a temporary file: " + e.getMessage(), e);
        }
    }

    /** Copies the stream to a new temporary file. */
    public static Spool of(InputStream in, String suffix) throws ConnectorException {
        Spool spool = create(suffix);
        try {
            Files.copy(in, spool.file, StandardCopyOption.REPLACE_EXISTING);
            return spool;
        } catch (IOException | UncheckedIOException e) {
            spool.close();
            throw new ConnectorException("cannot copy the file to a temporary file: " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit(); // on Windows an open file cannot go yet; try again at exit
        }
    }
}
