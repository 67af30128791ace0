package com.krenalis.api.platform;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The events a source accepts, as they arrive: for debugging a tracking setup (the admin API's live stream). Best
 * effort: a subscriber that cannot keep up loses events rather than slowing the collector.
 */
@ProviderType
public interface LiveEvents {

    /** A subscription; close it to stop receiving. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Receives, from now on, every event accepted for the source connection, as its JSON (UTF-8), on a collector
     * thread: the listener must not block.
     */
    Subscription subscribe(long workspaceId, long connectionId, Consumer<byte[]> listener);
}
