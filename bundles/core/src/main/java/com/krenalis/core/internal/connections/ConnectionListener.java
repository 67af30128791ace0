package com.krenalis.core.internal.connections;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.platform.Connection;

/**
 * Told of connections as they are created, e.g. so that an event source gets its default users pipeline. Register
 * implementations as DS services; a listener that throws does not undo the creation (it is logged).
 */
public interface ConnectionListener {

    void connectionCreated(Connection connection, Connector connector);
}
