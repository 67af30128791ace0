package com.krenalis.connector.event.sources;

import java.util.List;

/** Every connector of the bundle, in the order of the list. */
final class EventSources {
    static final List<EventSourceConnector> ALL = List.of(
            new JavaScriptConnector(), new AndroidConnector(), new IosConnector(), new JavaConnector(),
            new NodeJsConnector(), new PythonConnector(), new DotNetConnector(), new GoConnector(),
            new SegmentWebhookConnector(), new RudderStackWebhookConnector());

    private EventSources() {
    }
}
