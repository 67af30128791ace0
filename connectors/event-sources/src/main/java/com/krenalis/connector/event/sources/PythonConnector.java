package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** Python services, through the Segment or RudderStack Python SDK. */
@Component(service = Connector.class)
public final class PythonConnector extends EventSourceConnector {

    public PythonConnector() {
        super(ConnectorKind.SDK, "python", "Python",
                "Events from Python services, sent by Segment's segment-analytics-python or RudderStack's "
                        + "rudder-sdk-python (PyPI).",
                "With segment-analytics-python set analytics.host to the server's base URL; with rudder-sdk-python "
                        + "set dataPlaneUrl to it.");
    }
}
