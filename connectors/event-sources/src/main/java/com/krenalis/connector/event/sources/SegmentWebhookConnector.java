package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** A Segment stream forwarded by Segment's Webhooks (Actions) destination, one event per request. */
@Component(service = Connector.class)
public final class SegmentWebhookConnector extends EventSourceConnector {

    public SegmentWebhookConnector() {
        super(ConnectorKind.WEBHOOK, "segment", "Segment (webhook)",
                "A Segment source's stream, forwarded by a Segment Webhooks (Actions) destination, to run Krenalis "
                        + "beside Segment during a migration.",
                "In Segment add a Webhooks (Actions) destination to the source, with a Send mapping: method POST, URL "
                        + "the server's base URL followed by /v1/events, batching off, data the whole event, and the "
                        + "header Authorization: Basic followed by the base64 of the write key and a colon.");
    }
}
