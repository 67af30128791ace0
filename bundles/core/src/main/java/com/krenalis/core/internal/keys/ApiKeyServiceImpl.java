package com.krenalis.core.internal.keys;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.ApiKey;
import com.krenalis.api.platform.ApiKeyService;
import com.krenalis.api.platform.ConflictException;
import com.krenalis.api.platform.CreatedApiKey;
import com.krenalis.api.platform.InvalidInputException;
import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.platform.Principal;
import com.krenalis.core.internal.common.DisplayName;
import com.krenalis.core.internal.store.MetadataDatabase;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Admin API keys. Authentication hashes the token and looks the hash up, with a short-lived cache so that a busy
 * client does not cost a query per request; deleting a key evicts it at once.
 */
@Component(service = {ApiKeyService.class, ApiKeyServiceImpl.class})
public final class ApiKeyServiceImpl implements ApiKeyService {
    private static final long TOUCH_MILLIS = 60_000;

    private final MetadataDatabase db;
    private final WorkspaceServiceImpl workspaces;
    private final AuthenticationCache cache;
    private final Map<Long, Long> lastTouched = new ConcurrentHashMap<>();
    private final ExecutorService toucher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "krenalis-api-key-last-used");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ApiKeyServiceImpl(@Reference MetadataDatabase db, @Reference WorkspaceServiceImpl workspaces,
                             @Reference AuthenticationCache cache) {
        this.db = requireNonNull(db);
        this.workspaces = requireNonNull(workspaces);
        this.cache = requireNonNull(cache);
    }

    @Override
    public Optional<Principal> authenticate(String token) {
        if (!Tokens.plausible(token)) {
            return Optional.empty();
        }
        byte[] hash = Tokens.sha256(token);
        String cacheKey = HexFormat.of().formatHex(hash);
        long now = System.currentTimeMillis();
        Optional<Principal> cached = cache.get(cacheKey, now);
        if (cached.isPresent()) {
            touch(cached.get().keyId(), now);
            return cached;
        }
        Optional<Principal> principal = db.transaction(c -> ApiKeyRepository.principal(c, hash));
        principal.ifPresentOrElse(p -> {
            cache.put(cacheKey, p, now);
            touch(p.keyId(), now);
        }, () -> cache.remove(cacheKey));
        return principal;
    }

    /** Records use at most once a minute per key, off the request path. */
    private void touch(long keyId, long now) {
        Long last = lastTouched.get(keyId);
        if (last == null || now - last > TOUCH_MILLIS) {
            lastTouched.put(keyId, now);
            toucher.execute(() -> {
                try {
                    db.transaction(c -> {
                        ApiKeyRepository.touch(c, keyId);
                        return null;
                    });
                } catch (RuntimeException ignored) {
                    // best effort: last_used_at is informational
                }
            });
        }
    }

    @Override
    public List<ApiKey> list(Principal principal) {
        principal.requireOrganizationKey();
        return db.transaction(c -> ApiKeyRepository.list(c, principal.organizationId(), null));
    }

    @Override
    public ApiKey get(Principal principal, long id) {
        principal.requireOrganizationKey();
        return db.transaction(c -> ApiKeyRepository.find(c, principal.organizationId(), id))
                .orElseThrow(() -> new NotFoundException("no API key " + id));
    }

    @Override
    public CreatedApiKey create(Principal principal, String name, Long workspaceId) {
        principal.requireOrganizationKey();
        String cleanName = DisplayName.validate(name);
        if (workspaceId != null) {
            try {
                workspaces.row(principal, workspaceId);
            } catch (NotFoundException e) {
                throw new InvalidInputException("workspaceId", "no workspace " + workspaceId);
            }
        }
        String token = Tokens.generate();
        long id = db.transaction(c -> ApiKeyRepository.insert(c, principal.organizationId(), workspaceId, cleanName, token));
        return new CreatedApiKey(get(principal, id), token);
    }

    /** Creates a key with a given token (the configured initial admin key) unless it exists. */
    public boolean ensure(long organizationId, String name, String token) {
        return db.transaction(c -> {
            if (ApiKeyRepository.exists(c, Tokens.sha256(token))) {
                return false;
            }
            ApiKeyRepository.insert(c, organizationId, null, name, token);
            return true;
        });
    }

    /** Creates an organization key with a new random token, for the first start. */
    public String createInitial(long organizationId, String name) {
        String token = Tokens.generate();
        db.transaction(c -> ApiKeyRepository.insert(c, organizationId, null, name, token));
        return token;
    }

    @Override
    public ApiKey rename(Principal principal, long id, String name) {
        principal.requireOrganizationKey();
        String cleanName = DisplayName.validate(name);
        if (!db.transaction(c -> ApiKeyRepository.rename(c, principal.organizationId(), id, cleanName))) {
            throw new NotFoundException("no API key " + id);
        }
        return get(principal, id);
    }

    @Override
    public void delete(Principal principal, long id) {
        principal.requireOrganizationKey();
        ApiKey key = get(principal, id);
        db.transaction(c -> {
            if (key.workspaceId() == null && ApiKeyRepository.countOrganizationKeysForUpdate(c, principal.organizationId()) <= 1) {
                throw new ConflictException("this is the last organization key: create another before deleting it");
            }
            ApiKeyRepository.delete(c, id);
            return null;
        });
        cache.evictKey(id);
        lastTouched.remove(id);
    }


    @Deactivate
    void deactivate() {
        toucher.shutdown();
    }
}
