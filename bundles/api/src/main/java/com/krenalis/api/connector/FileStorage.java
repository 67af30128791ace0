package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Capability of a file-storage connector: lists, reads and writes files under a root the settings confine it to. */
@ConsumerType
public interface FileStorage {

    /** A file found by {@link #list}. */
    record FileEntry(String path, long size, Instant modified) {
    }

    /** Opens a file for reading; {@code path} is relative to the configured root and may not escape it. */
    InputStream open(Settings settings, String path) throws ConnectorException;

    /** Lists files under a relative directory path. */
    default List<FileEntry> list(Settings settings, String directory) throws ConnectorException {
        throw new ConnectorException("this storage cannot list files");
    }

    /** Creates or replaces a file. */
    default OutputStream create(Settings settings, String path) throws ConnectorException {
        throw new ConnectorException("this storage is read-only");
    }
}
