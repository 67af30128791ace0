package com.krenalis.ingest.internal.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Adds what the server knows to a valid event, in place:
 * <ul>
 * <li>identifiers sent as integers ({@code userId: 42}) become strings, so the warehouse column has one type;</li>
 * <li>{@code messageId}: a random UUID when absent or empty;</li>
 * <li>{@code receivedAt}: the server's time, always (a client's value is replaced);</li>
 * <li>{@code sentAt}: the batch's when the event has none;</li>
 * <li>{@code timestamp}, when the client gave none: {@code receivedAt - (sentAt - originalTimestamp)}, the client's
 * clock corrected by its skew; {@code originalTimestamp} as is when there is no {@code sentAt} to measure the skew
 * by; {@code receivedAt} when there is no {@code originalTimestamp}. A client's own {@code timestamp} is kept, as
 * Segment does (it is how historical data is imported);</li>
 * <li>{@code context.ip}: the client's address when absent, null or empty;</li>
 * <li>identify {@code traits}: a copy of {@code context.traits} when {@code traits} is absent or empty, as
 * RudderStack's browser SDK sends them only there.</li>
 * </ul>
 * Times it writes are UTC with milliseconds. Thread-safe.
 */
public final class EventEnricher {
    private static final String[] IDS = {"userId", "anonymousId", "groupId", "previousId"};

    private final Supplier<String> messageIds;

    public EventEnricher() {
        this(() -> UUID.randomUUID().toString());
    }

    /** With messageIds from {@code messageIds}, for tests. */
    EventEnricher(Supplier<String> messageIds) {
        this.messageIds = requireNonNull(messageIds, "messageIds");
    }

    /**
     * @param batchSentAt the batch-level sentAt, or null
     */
    public void enrich(ObjectNode event, String batchSentAt, RequestInfo request) {
        for (String field : IDS) {
            JsonNode id = event.get(field);
            if (id != null && id.isIntegralNumber()) {
                event.put(field, id.bigIntegerValue().toString());
            }
        }
        if (EventFields.text(event, "messageId") == null) {
            event.put("messageId", messageIds.get());
        }
        event.put("receivedAt", IsoTimestamps.format(request.receivedAt()));
        if (EventFields.value(event, "sentAt") == null && batchSentAt != null) {
            event.put("sentAt", batchSentAt);
        }
        if (EventFields.value(event, "timestamp") == null) {
            event.put("timestamp", IsoTimestamps.format(timestamp(event, request.receivedAt())));
        }
        if (request.clientIp() != null) {
            JsonNode context = EventFields.value(event, "context");
            if (context == null) {
                event.putObject("context").put("ip", request.clientIp());
            } else if (context.isObject() && isBlank(context.get("ip"))) {
                ((ObjectNode) context).put("ip", request.clientIp());
            }
        }
        if ("identify".equals(EventFields.text(event, "type"))) {
            copyContextTraits(event);
        }
    }

    /** The event time when the client gave no timestamp. */
    static Instant timestamp(ObjectNode event, Instant receivedAt) {
        Instant original = IsoTimestamps.parse(EventFields.text(event, "originalTimestamp"));
        Instant sent = IsoTimestamps.parse(EventFields.text(event, "sentAt"));
        if (original == null) {
            return receivedAt;
        }
        return sent == null ? original : receivedAt.minus(Duration.between(original, sent));
    }

    private static boolean isBlank(JsonNode node) {
        return node == null || node.isNull() || node.isTextual() && node.textValue().isEmpty();
    }

    private static void copyContextTraits(ObjectNode event) {
        JsonNode traits = EventFields.value(event, "traits");
        JsonNode context = EventFields.value(event, "context");
        JsonNode contextTraits = context == null ? null : context.get("traits");
        if ((traits == null || traits.isObject() && traits.isEmpty())
                && contextTraits != null && contextTraits.isObject() && !contextTraits.isEmpty()) {
            event.set("traits", contextTraits.deepCopy());
        }
    }
}
