package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** Go services, through the Segment or RudderStack Go SDK. */
@Component(service = Connector.class)
public final class GoConnector extends EventSourceConnector {

    public GoConnector() {
        super(ConnectorKind.SDK, "go", "Go",
                "Events from Go services, sent by Segment's github.com/segmentio/analytics-go/v3 or RudderStack's "
                        + "github.com/rudderlabs/analytics-go/v4.",
                "With Segment's analytics.NewWithConfig set Config.Endpoint to the server's base URL; with "
                        + "RudderStack's analytics.New pass it as the data plane URL.");
    }
}
