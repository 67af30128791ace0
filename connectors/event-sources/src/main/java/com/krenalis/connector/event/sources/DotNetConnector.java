package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** .NET services and apps, through the Segment (Analytics-CSharp) or RudderStack .NET SDK. */
@Component(service = Connector.class)
public final class DotNetConnector extends EventSourceConnector {

    public DotNetConnector() {
        super(ConnectorKind.SDK, "dotnet", ".NET",
                "Events from .NET services and apps, sent by Segment's Segment.Analytics.CSharp or RudderStack's "
                        + "RudderAnalytics (NuGet).",
                "In Segment.Analytics.CSharp's Configuration set apiHost and cdnHost to the server's host followed by "
                        + "/v1 (e.g. krenalis.example.com/v1; the SDK always uses HTTPS); in RudderAnalytics pass the "
                        + "server's base URL as the dataPlaneUrl of RudderConfig.");
    }
}
