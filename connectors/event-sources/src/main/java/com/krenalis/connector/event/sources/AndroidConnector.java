package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** Android apps, through the Segment (Analytics-Kotlin) or RudderStack Android SDK. */
@Component(service = Connector.class)
public final class AndroidConnector extends EventSourceConnector {

    public AndroidConnector() {
        super(ConnectorKind.SDK, "android", "Android",
                "Events from Android apps, sent by Segment's com.segment.analytics.kotlin:android or RudderStack's "
                        + "com.rudderstack.android.sdk:core.",
                "In Segment's Analytics configuration set apiHost and cdnHost to the server's host followed by /v1 "
                        + "(e.g. krenalis.example.com/v1; the SDK always uses HTTPS); in RudderStack's "
                        + "RudderConfig.Builder call withDataPlaneUrl and withControlPlaneUrl with the server's base "
                        + "URL.");
    }
}
