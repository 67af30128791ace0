package com.krenalis.itests.sdkcompat;

import java.util.function.UnaryOperator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RudderStack {@code @rudderstack/rudder-sdk-node}, from the npm registry, unchanged but for its data plane URL: it
 * posts {@code {batch, timestamp, sentAt}} to {@code /v1/batch} with Basic auth, gzipped (its default) under a
 * {@code Content-Type} of {@code application/x-www-form-urlencoded}, the first event alone and then the rest. It
 * writes values as given (JSON.stringify), so the events must be stored exactly as in the test file.
 */
@ExtendWith(SharedServer.class)
class RudderStackNodeIT {

    @BeforeAll
    static void installFromNpm() {
        NodeSdk.installAll();
    }

    @Test
    void everyEventArrivesOnceAndUnaltered(KrenalisServer server) {
        EventSource source = EventSource.create(server, "nodejs", "RudderStack Node");
        SdkReport report = NodeSdk.RUDDERSTACK.send(server, source);
        List<EventLog.Row> logged = EventLog.rows(server, source);
        new DeliveryCheck(NodeSdk.RUDDERSTACK.library, UnaryOperator.identity())
                .assertDelivered(TestEvents.load(), report, logged);
        WarehouseCheck.assertLoaded(server, source, logged);
    }
}
