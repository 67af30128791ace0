package com.krenalis.api.connector;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.settings.Settings;

/**
 * A request to read records.
 *
 * @param settings         the connection's validated settings
 * @param pipelineSettings the pipeline's validated settings, against {@link ConnectorSpec#pipelineSettings()} (what to
 *                         read: a query, a table); {@link Settings#none()} for connectors without such settings
 * @param cursor           where the previous run stopped (as returned in {@link ReadResult#cursor()}), or null for a
 *                         full read
 */
public record ReadRequest(Settings settings, Settings pipelineSettings, String cursor) {
    public ReadRequest {
        requireNonNull(settings, "settings");
        pipelineSettings = pipelineSettings == null ? Settings.none() : pipelineSettings;
    }

    /** A request of a connector whose pipelines take no settings. */
    public ReadRequest(Settings settings, String cursor) {
        this(settings, null, cursor);
    }

    public boolean incremental() {
        return cursor != null;
    }
}
