package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** iOS apps, through the Segment (Analytics-Swift) or RudderStack iOS SDK. */
@Component(service = Connector.class)
public final class IosConnector extends EventSourceConnector {

    public IosConnector() {
        super(ConnectorKind.SDK, "ios", "iOS",
                "Events from iOS apps, sent by Segment's Analytics-Swift (Swift package Segment, "
                        + "github.com/segmentio/analytics-swift) or RudderStack's iOS SDK (CocoaPod Rudder).",
                "In Segment's Configuration set apiHost and cdnHost to the server's host followed by /v1 (e.g. "
                        + "krenalis.example.com/v1; the SDK always uses HTTPS); in RudderStack's configuration set "
                        + "the data plane URL and the control plane URL to the server's base URL.");
    }
}
