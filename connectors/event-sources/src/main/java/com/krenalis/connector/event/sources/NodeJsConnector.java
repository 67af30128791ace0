package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** Node.js services, through the Segment or RudderStack Node.js SDK. */
@Component(service = Connector.class)
public final class NodeJsConnector extends EventSourceConnector {

    public NodeJsConnector() {
        super(ConnectorKind.SDK, "nodejs", "Node.js",
                "Events from Node.js services, sent by Segment's @segment/analytics-node or RudderStack's "
                        + "@rudderstack/rudder-sdk-node.",
                "Give @segment/analytics-node the server's base URL as host; give @rudderstack/rudder-sdk-node the "
                        + "server's base URL as dataPlaneUrl.");
    }
}
