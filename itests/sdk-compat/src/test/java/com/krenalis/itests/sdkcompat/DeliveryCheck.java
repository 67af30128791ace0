package com.krenalis.itests.sdkcompat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The check every SDK test ends with: each event the SDK sent is in the event log exactly once, under the messageId the
 * SDK generated, and unaltered; nothing else is there. Fails with every problem found, each naming the event.
 *
 * @param library   the {@code context.library.name} the SDK sets (on the event or on the batch)
 * @param asWritten how the SDK's JSON library writes a value the caller gave it (Gson, for example, leaves out the
 *                  members of an object whose value is null); the identity for SDKs that write values as given
 */
record DeliveryCheck(String library, UnaryOperator<JsonNode> asWritten) {
    private static final List<String> TEXT_FIELDS = List.of("type", "userId", "anonymousId", "event", "name", "groupId",
            "previousId");

    void assertDelivered(List<TestEvents.Event> events, SdkReport sdk, List<EventLog.Row> rows) {
        List<String> problems = new ArrayList<>(sdk.failures().stream().map(f -> "the SDK reported a failure: " + f).toList());
        List<String> ids = sdk.messageIds();
        Set<String> distinct = new HashSet<>();
        for (TestEvents.Event e : events) {
            String id = e.index() < ids.size() ? ids.get(e.index()) : null;
            if (id == null) {
                problems.add(e.describe() + ": the SDK reported no messageId (not delivered?)");
            } else if (!distinct.add(id)) {
                problems.add(e.describe() + ": the SDK gave messageId " + id + " to two events");
            }
        }
        Map<String, List<EventLog.Row>> stored = new HashMap<>();
        for (EventLog.Row row : rows) {
            stored.computeIfAbsent(row.messageId(), k -> new ArrayList<>()).add(row);
            if (!row.messageId().equals(row.event().path("messageId").asText())) {
                problems.add("row seq " + row.seq() + ": column message_id " + row.messageId() + " but the event has "
                        + row.event().path("messageId"));
            }
            if (!distinct.contains(row.messageId())) {
                problems.add("row seq " + row.seq() + ": an event the SDK did not send: " + row.event());
            }
        }
        for (TestEvents.Event e : events) {
            String id = e.index() < ids.size() ? ids.get(e.index()) : null;
            List<EventLog.Row> found = id == null ? List.of() : stored.getOrDefault(id, List.of());
            if (id != null && found.isEmpty()) {
                problems.add(e.describe() + " (messageId " + id + "): missing from event_log");
            } else if (found.size() > 1) {
                problems.add(e.describe() + " (messageId " + id + "): stored " + found.size() + " times, rows seq "
                        + found.stream().map(EventLog.Row::seq).toList());
            }
            if (!found.isEmpty()) {
                compare(e, found.get(0).event(), problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(sdk.sdk() + ": " + problems.size() + " problem(s) with the " + events.size()
                    + " events sent (" + rows.size() + " rows in event_log for its source)\n - "
                    + String.join("\n - ", problems)
                    + "\nWhat the SDK reported:\n  " + String.join("\n  ", sdk.diagnostics()));
        }
    }

    private void compare(TestEvents.Event e, JsonNode stored, List<String> problems) {
        String at = e.describe() + " (messageId " + stored.path("messageId").asText() + "): ";
        for (String field : TEXT_FIELDS) {
            if (e.has(field) && !e.text(field).equals(stored.path(field).asText(null))) {
                problems.add(at + field + " sent " + e.json().get(field) + ", stored " + stored.get(field));
            }
        }
        String payload = e.payloadField();
        if (e.has(payload)) {
            ExactJson.differences(payload, asWritten.apply(e.json().get(payload)), stored.get(payload))
                    .forEach(d -> problems.add(at + d));
        }
        JsonNode context = stored.path("context");
        if (e.has("context")) {
            asWritten.apply(e.json().get("context")).properties().forEach(c -> ExactJson
                    .differences("context." + c.getKey(), c.getValue(), context.get(c.getKey()))
                    .forEach(d -> problems.add(at + d)));
        }
        if (!library.equals(context.path("library").path("name").asText(null))) {
            problems.add(at + "context.library.name expected \"" + library + "\", stored " + context.path("library"));
        }
        Instant timestamp = instant(stored, "timestamp", at, problems);
        instant(stored, "receivedAt", at, problems);
        if (e.timestamp() != null && timestamp != null && !e.timestamp().equals(timestamp)) {
            problems.add(at + "timestamp sent " + e.timestamp() + ", stored " + stored.get("timestamp"));
        }
    }

    private static Instant instant(JsonNode stored, String field, String at, List<String> problems) {
        try {
            return Instant.parse(stored.path(field).asText());
        } catch (DateTimeParseException ex) {
            problems.add(at + field + " is not an ISO-8601 instant: " + stored.get(field));
            return null;
        }
    }
}
