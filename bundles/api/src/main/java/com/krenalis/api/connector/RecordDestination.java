package com.krenalis.api.connector;

import com.krenalis.api.settings.Settings;
import com.krenalis.api.types.ObjectType;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/** Capability of a connector that writes records (users) to an application or database. */
@ConsumerType
public interface RecordDestination {

    /** The schema the destination accepts. */
    ObjectType discoverDestination(Settings settings) throws ConnectorException;

    /** Opens a writer; records are written in batches of the connector's choosing and made durable on commit. */
    RecordWriter openWriter(Settings settings, ObjectType schema) throws ConnectorException;

    /** Writes records; not thread-safe. */
    interface RecordWriter extends AutoCloseable {
        void write(Map<String, Object> record) throws ConnectorException;

        void commit() throws ConnectorException;

        @Override
        void close() throws ConnectorException;
    }
}
