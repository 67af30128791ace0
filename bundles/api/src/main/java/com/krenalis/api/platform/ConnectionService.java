package com.krenalis.api.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Connections of a workspace and the write keys of its event sources. Every method checks the principal. */
@ProviderType
public interface ConnectionService {

    List<Connection> list(Principal principal, long workspaceId);

    Connection get(Principal principal, long workspaceId, long id);

    /**
     * Creates a connection: the connector must be installed and active and support the role; settings are validated
     * against the connector's spec and its own checks; secrets are stored encrypted.
     */
    Connection create(Principal principal, long workspaceId, String name, String role, String connector,
                      Map<String, Object> settings);

    /** Null arguments leave that part unchanged. */
    Connection update(Principal principal, long workspaceId, long id, String name, Boolean enabled,
                      Map<String, Object> settings);

    /**
     * Tests a connection's stored settings against the live system (the connector's {@code check}), giving up after
     * the server's check timeout even if the connector does not. A failure is a result, not an exception; its field,
     * when one is to blame, is prefixed {@code settings.}.
     */
    com.krenalis.api.connector.CheckResult check(Principal principal, long workspaceId, long id);

    /**
     * Tests settings before a connection is made of them: validated as {@link #create} would (an invalid field is an
     * {@link InvalidInputException}), then checked live.
     */
    com.krenalis.api.connector.CheckResult check(Principal principal, long workspaceId, String connector,
                                                 Map<String, Object> settings);

    /** Deletes the connection and its write keys. */
    void delete(Principal principal, long workspaceId, long id);

    /** Creates a write key for an event source connection. */
    EventWriteKey createWriteKey(Principal principal, long workspaceId, long connectionId);

    List<EventWriteKey> listWriteKeys(Principal principal, long workspaceId, long connectionId);

    /** Revokes a write key: requests with it are refused at once. */
    void deleteWriteKey(Principal principal, long workspaceId, long connectionId, String key);

    /** For the collector: where events posted with this write key go; empty for an unknown or revoked key. */
    Optional<EventSourceTarget> resolveWriteKey(String key);
}
