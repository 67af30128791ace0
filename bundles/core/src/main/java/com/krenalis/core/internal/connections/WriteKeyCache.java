package com.krenalis.core.internal.connections;

import com.krenalis.api.platform.EventSourceTarget;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * Write keys resolved recently, so that the collector does not query the metadata store per request. Unknown keys
 * are remembered too (a flood of bad keys costs one query per key per TTL). Entries live 5 s at most and are evicted
 * at once when the key is revoked or its connection or workspace changes or goes.
 */
@Component(service = WriteKeyCache.class)
public final class WriteKeyCache {
    static final long TTL_MILLIS = 5_000;

    private record Entry(Optional<EventSourceTarget> target, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The cached answer, or null when there is none (or it expired). */
    Optional<EventSourceTarget> get(String key, long now) {
        Entry e = entries.get(key);
        return e == null || e.expiresAt() <= now ? null : e.target();
    }

    void put(String key, Optional<EventSourceTarget> target, long now) {
        if (entries.size() > 100_000) {
            entries.clear(); // bounded: a flood of random keys must not grow the heap
        }
        entries.put(key, new Entry(target, now + TTL_MILLIS));
    }

    void evictKey(String key) {
        entries.remove(key);
    }

    void evictConnection(long connectionId) {
        entries.values().removeIf(e -> e.target().map(t -> t.connectionId() == connectionId).orElse(false));
    }

    /** The workspace was deleted, and with it its connections and their keys. */
    public void evictWorkspace(long workspaceId) {
        entries.values().removeIf(e -> e.target().map(t -> t.workspaceId() == workspaceId).orElse(false));
    }
}
