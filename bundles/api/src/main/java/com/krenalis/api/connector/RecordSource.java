package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import org.osgi.annotation.versioning.ConsumerType;

/** Capability of a connector that reads records (users) from an application or database. */
@ConsumerType
public interface RecordSource {

    /** The schema of the records {@link #read} delivers. */
    ObjectType discover(Settings settings) throws ConnectorException;

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
