package com.krenalis.core.internal.keys;

import com.krenalis.api.platform.Principal;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;

/**
 * Recently authenticated keys, so that a busy client does not cost a query per request. Entries live 30 s at most and
 * are evicted at once when their key, or the workspace it is limited to, is deleted.
 */
@Component(service = AuthenticationCache.class)
public final class AuthenticationCache {
    static final long TTL_MILLIS = 30_000;

    private record Entry(Principal principal, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    Optional<Principal> get(String tokenHash, long now) {
        Entry e = entries.get(tokenHash);
        if (e == null || e.expiresAt() <= now) {
            return Optional.empty();
        }
        return Optional.of(e.principal());
    }

    void put(String tokenHash, Principal principal, long now) {
        entries.put(tokenHash, new Entry(principal, now + TTL_MILLIS));
    }

    void remove(String tokenHash) {
        entries.remove(tokenHash);
    }

    void evictKey(long keyId) {
        entries.values().removeIf(e -> e.principal().keyId() == keyId);
    }

    /** The workspace was deleted, and with it the keys limited to it. */
    public void evictWorkspace(long workspaceId) {
        entries.values().removeIf(e -> e.principal().workspaceId() != null && e.principal().workspaceId() == workspaceId);
    }
}
