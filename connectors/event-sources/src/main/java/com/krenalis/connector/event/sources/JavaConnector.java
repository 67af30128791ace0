package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** Java services, through the Segment or RudderStack Java SDK. */
@Component(service = Connector.class)
public final class JavaConnector extends EventSourceConnector {

    public JavaConnector() {
        super(ConnectorKind.SDK, "java", "Java",
                "Events from Java services, sent by Segment's com.segment.analytics.java:analytics or RudderStack's "
                        + "com.rudderstack.sdk.java.analytics:analytics.",
                "In Segment's Analytics.builder(writeKey) call endpoint(...) with the server's base URL; in "
                        + "RudderStack's RudderAnalytics.builder(writeKey) call setDataPlaneUrl(...) with it.");
    }
}
