package com.krenalis.api.connector;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.settings.Settings;

/**
 * A request to read records.
 *
 * @param settings the connection's validated settings
 * @param cursor   where the previous run stopped (as returned in {@link ReadResult#cursor()}), or null for a full read
 */
public record ReadRequest(Settings settings, String cursor) {
    public ReadRequest {
        requireNonNull(settings, "settings");
    }

    public boolean incremental() {
        return cursor != null;
    }
}
