package com.krenalis.api.connector;

import org.osgi.annotation.versioning.ProviderType;

/** Where a source delivers what it reads. Implemented by the server; calls may block to apply back-pressure. */
@ProviderType
public interface RecordSink {

    /** Delivers one record. */
    void accept(SourceRecord record);

    /**
     * Reports a record that could not be read (a malformed row, a value of the wrong type): it is counted and
     * listed against the run, and reading goes on.
     *
     * @param recordKey what identifies the record to a person (an id, a line number)
     */
    void reject(String recordKey, String message);

    /**
     * Tells how many records the read will deliver, when the source knows it before the end (cheaply: a count it
     * has anyway, not a second pass over the data), so that a run shows its percent while it goes on. Optional.
     */
    default void total(long records) {
    }

    /** True once the run was cancelled: stop reading and return promptly. */
    boolean cancelled();
}
