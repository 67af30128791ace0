package com.krenalis.api.platform;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Admin API keys. Managing keys needs an organization key. */
@ProviderType
public interface ApiKeyService {

    /** The principal of a valid key, or empty for a missing, malformed, unknown or deleted one. */
    Optional<Principal> authenticate(String token);

    List<ApiKey> list(Principal principal);

    ApiKey get(Principal principal, long id);

    /** @param workspaceId null for an organization key */
    CreatedApiKey create(Principal principal, String name, Long workspaceId);

    ApiKey rename(Principal principal, long id, String name);

    /** Deletes a key; it stops working at once. The last organization key cannot be deleted. */
    void delete(Principal principal, long id);
}
