package com.krenalis.connector.event.sources;

import com.krenalis.api.connector.Connector;
import com.krenalis.api.connector.ConnectorKind;
import org.osgi.service.component.annotations.Component;

/** A RudderStack stream forwarded by RudderStack's Webhook destination, one event per request. */
@Component(service = Connector.class)
public final class RudderStackWebhookConnector extends EventSourceConnector {

    public RudderStackWebhookConnector() {
        super(ConnectorKind.WEBHOOK, "rudderstack", "RudderStack (webhook)",
                "A RudderStack source's stream, forwarded by a RudderStack Webhook destination, to run Krenalis "
                        + "beside RudderStack during a migration.",
                "In RudderStack connect a Webhook destination to the source: URL the server's base URL followed by "
                        + "/v1/events, method POST, and the header Authorization: Basic followed by the base64 of the "
                        + "write key and a colon.");
    }
}
