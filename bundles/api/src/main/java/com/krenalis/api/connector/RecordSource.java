package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import org.osgi.annotation.versioning.ConsumerType;

/** Capability of a connector that reads records (users) from an application or database. */
@ConsumerType
public interface RecordSource {

    /**
     * The schema of the records {@link #read} delivers, for a connector whose pipelines take no settings. Implement
     * this or {@link #discover(Settings, Settings)}.
     */
    default ObjectType discover(Settings settings) throws ConnectorException {
        throw new ConnectorException("this source needs a pipeline's settings to say what it reads");
    }

    /**
     * The schema of the records a pipeline with these settings reads (for a database: the columns of its query). The
     * default ignores the pipeline's settings. A bad query is a {@link ConnectorException} that says what is wrong.
     */
    default ObjectType discover(Settings settings, Settings pipelineSettings) throws ConnectorException {
        return discover(settings);
    }

    /**
     * Streams records to the sink: all of them for a full read, those changed since the cursor for an incremental
     * one. Must run in bounded memory whatever the source's size.
     */
    ReadResult read(ReadRequest request, RecordSink sink) throws ConnectorException;

    /** Whether {@link #read} honours a cursor. */
    default boolean supportsIncremental() {
        return false;
    }
}
