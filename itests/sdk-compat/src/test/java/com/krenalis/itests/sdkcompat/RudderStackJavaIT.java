package com.krenalis.itests.sdkcompat;

import com.rudderstack.sdk.java.analytics.Callback;
import com.rudderstack.sdk.java.analytics.Log;
import com.rudderstack.sdk.java.analytics.RudderAnalytics;
import com.rudderstack.sdk.java.analytics.messages.AliasMessage;
import com.rudderstack.sdk.java.analytics.messages.GroupMessage;
import com.rudderstack.sdk.java.analytics.messages.IdentifyMessage;
import com.rudderstack.sdk.java.analytics.messages.Message;
import com.rudderstack.sdk.java.analytics.messages.MessageBuilder;
import com.rudderstack.sdk.java.analytics.messages.PageMessage;
import com.rudderstack.sdk.java.analytics.messages.ScreenMessage;
import com.rudderstack.sdk.java.analytics.messages.TrackMessage;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RudderStack Java ({@code com.rudderstack.sdk.java.analytics:analytics}), unchanged but for its data plane URL: it
 * posts {@code {batch, sentAt, sequence, context}} to {@code /v1/batch} with Basic auth and no write key in the body,
 * gzipped (its default) and chunked, without a Content-Length.
 */
@ExtendWith(SharedServer.class)
class RudderStackJavaIT {
    private static final String SDK = "RudderStack Java " + System.getProperty("rudderstack.java.version", "?");

    @Test
    void everyEventArrivesOnceAndUnaltered(KrenalisServer server) throws InterruptedException {
        EventSource source = EventSource.create(server, "java", "RudderStack Java");
        JavaSdkRecorder recorder = new JavaSdkRecorder();
        RudderAnalytics analytics = RudderAnalytics.builder(source.writeKey())
                .setDataPlaneUrl(server.baseUri().toString())
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
