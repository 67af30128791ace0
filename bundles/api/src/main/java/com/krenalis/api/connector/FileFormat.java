package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/** Capability of a file-format connector: decodes a byte stream into records, and optionally encodes records. */
@ConsumerType
public interface FileFormat {

    /** File name extensions this format usually has, without the dot (e.g. {@code csv}). */
    java.util.List<String> extensions();

    /** The schema of the records in the file, from its header or a sample of it. */
    ObjectType discover(InputStream in, Settings settings) throws ConnectorException;

    /** Streams the file's records to the sink; a malformed record is rejected, not fatal. */
    ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException;

    /** Opens a writer that encodes records into the stream. */
    default RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        throw new ConnectorException("this format cannot be written");
    }
}
