package com.krenalis.itests.sdkcompat;

import java.util.function.UnaryOperator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment {@code @segment/analytics-node}, from the npm registry, unchanged but for its host: it posts
 * {@code {batch, writeKey, sentAt}} as {@code application/json} to {@code /v1/batch} with Basic auth. It writes
 * values as given (JSON.stringify), so the events must be stored exactly as in the test file.
 */
@ExtendWith(SharedServer.class)
class SegmentNodeIT {

    @BeforeAll
    static void installFromNpm() {
        NodeSdk.installAll();
    }

    @Test
    void everyEventArrivesOnceAndUnaltered(KrenalisServer server) {
        EventSource source = EventSource.create(server, "nodejs", "Segment analytics-node");
        SdkReport report = NodeSdk.SEGMENT.send(server, source);
        List<EventLog.Row> logged = EventLog.rows(server, source);
        new DeliveryCheck(NodeSdk.SEGMENT.library, UnaryOperator.identity())
                .assertDelivered(TestEvents.load(), report, logged);
        WarehouseCheck.assertLoaded(server, source, logged);
    }
}
