package com.krenalis.itests.sdkcompat;

import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.Log;
import com.segment.analytics.messages.AliasMessage;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.ScreenMessage;
import com.segment.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Segment analytics-java ({@code com.segment.analytics.java:analytics}), unchanged but for its endpoint: it posts
 * {@code {batch, sentAt, writeKey, sequence, context}} to {@code /v1/import/} with the write key in the body only, and
 * parses the answer as JSON.
 */
@ExtendWith(SharedServer.class)
class SegmentJavaIT {
    private static final String SDK = "Segment analytics-java " + System.getProperty("segment.java.version", "?");

    @Test
    void everyEventArrivesOnceAndUnaltered(KrenalisServer server) throws InterruptedException {
        EventSource source = EventSource.create(server, "java", "Segment analytics-java");
        JavaSdkRecorder recorder = new JavaSdkRecorder();
        Analytics analytics = Analytics.builder(source.writeKey())
                .endpoint(server.baseUri().toString())
                .messageInterceptor(message -> {
                    recorder.built(message.messageId());
                    return message;
                })
                .callback(new Callback() {
                    @Override
                    public void success(Message message) {
                        recorder.delivered(message.messageId());
                    }

                    @Override
                    public void failure(Message message, Throwable error) {
                        recorder.failed(message.messageId(), error);
                    }
                })
                .log(new Log() {
                    @Override
                    public void print(Level level, String format, Object... args) {
                        recorder.log(level.name(), String.format(format, args), null);
                    }

                    @Override
                    public void print(Level level, Throwable error, String format, Object... args) {
                        recorder.log(level.name(), String.format(format, args), error);
                    }
                })
                .build();
        var events = TestEvents.load();
        try {
            events.forEach(e -> analytics.enqueue(builder(e)));
            analytics.flush();
            recorder.awaitSettled(Duration.ofSeconds(30));
        } finally {
            analytics.shutdown();
        }
        List<EventLog.Row> logged = EventLog.rows(server, source);
        new DeliveryCheck("analytics-java", GsonWritten::of)
                .assertDelivered(events, recorder.report(SDK), logged);
        WarehouseCheck.assertLoaded(server, source, logged);
    }

    private static MessageBuilder<?, ?> builder(TestEvents.Event e) {
        MessageBuilder<?, ?> b = switch (e.type()) {
            case "identify" -> IdentifyMessage.builder().traits(e.map("traits"));
            case "track" -> TrackMessage.builder(e.text("event")).properties(e.map("properties"));
            case "page" -> PageMessage.builder(e.text("name")).properties(e.map("properties"));
            case "screen" -> ScreenMessage.builder(e.text("name")).properties(e.map("properties"));
            case "group" -> GroupMessage.builder(e.text("groupId")).traits(e.map("traits"));
            case "alias" -> AliasMessage.builder(e.text("previousId"));
            default -> throw new IllegalArgumentException("no builder for " + e.describe());
        };
        if (e.has("userId")) {
            b.userId(e.text("userId"));
        }
        if (e.has("anonymousId")) {
            b.anonymousId(e.text("anonymousId"));
        }
        if (e.has("context")) {
            b.context(e.map("context"));
        }
        if (e.timestamp() != null) {
            b.timestamp(Date.from(e.timestamp()));
        }
        return b;
    }
}
