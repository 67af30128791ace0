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

    /**
     * Streams the file's records to the sink, in bounded memory; a malformed record is rejected ({@link
     * RecordSink#reject}, naming its line or row), not fatal; a file that cannot be read at all (not this format,
     * truncated) is rejected once as a whole, or is a {@link ConnectorException}. Each {@link SourceRecord}'s id is its
     * position ({@code "line 12"}); the pipeline takes the identity and the update time from columns it names.
     *
     * @param settings the format's settings (its connector's {@link ConnectorSpec#settings()}: delimiter, sheet...)
     */
    ReadResult read(InputStream in, Settings settings, RecordSink sink) throws ConnectorException;

    /** Opens a writer that encodes records into the stream. */
    default RecordDestination.RecordWriter openWriter(OutputStream out, Settings settings, ObjectType schema)
            throws ConnectorException {
        throw new ConnectorException("this format cannot be written");
    }
}
