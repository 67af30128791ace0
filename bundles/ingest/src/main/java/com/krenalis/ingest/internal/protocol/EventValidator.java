package com.krenalis.ingest.internal.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each event against the tracking spec and reports every fault of every event, naming the field. JSON null
 * counts as absent and an empty identifier as missing ({@link EventFields}). Thread-safe; changes nothing.
 */
public final class EventValidator {
    private static final int MAX_MESSAGE_ID = 100;
    private static final List<String> OBJECTS = List.of("properties", "traits", "context", "integrations");
    private static final List<String> TIMES = List.of("timestamp", "originalTimestamp", "sentAt");
    private static final List<String> TEXTS = List.of("event", "name", "category");
    private static final String TYPES = "identify, track, page, screen, group or alias";

    private final Limits limits;

    public EventValidator(Limits limits) {
        this.limits = requireNonNull(limits, "limits");
    }

    /** The errors of all {@code events}, in order; empty when every event is valid. */
    public List<EventError> validate(List<ObjectNode> events, Endpoint endpoint) {
        EventType pathType = endpoint.pathType().orElse(null);
        List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            new Check(events.get(i), i, errors).run(pathType);
        }
        return errors;
    }

    /** The checks of one event, adding to a shared list. */
    private final class Check {
        private final ObjectNode event;
        private final int index;
        private final String messageId;
        private final List<EventError> errors;

        Check(ObjectNode event, int index, List<EventError> errors) {
            this.event = event;
            this.index = index;
            this.messageId = EventFields.messageIdForError(event);
            this.errors = errors;
        }

        void run(EventType pathType) {
            EventType type = type(pathType);
            boolean badIds = !idKind("userId") | !idKind("anonymousId");
            if (!badIds && EventFields.id(event, "userId") == null && EventFields.id(event, "anonymousId") == null) {
                fail("userId", "userId or anonymousId is required, a non-empty string");
            }
            if (type == EventType.TRACK && isBlank("event")) {
                fail("event", "is required for track events, a non-empty string");
            }
            if (type == EventType.ALIAS && idKind("previousId") && EventFields.id(event, "previousId") == null) {
                fail("previousId", "is required for alias events, a non-empty string");
            }
            if (type == EventType.GROUP && idKind("groupId") && EventFields.id(event, "groupId") == null) {
                fail("groupId", "is required for group events, a non-empty string");
            }
            JsonNode id = EventFields.value(event, "messageId");
            if (id != null && !id.isTextual()) {
                fail("messageId", "must be a string, not " + EventFields.kind(id));
            } else if (id != null && id.textValue().codePointCount(0, id.textValue().length()) > MAX_MESSAGE_ID) {
                fail("messageId", "must be at most " + MAX_MESSAGE_ID + " characters long");
            }
            kinds();
            long bytes = ProtocolJson.size(event);
            if (bytes > limits.maxEventBytes()) {
                fail(null, "the event is " + bytes + " bytes of JSON, over the " + limits.maxEventBytes()
                        + "-byte limit");
            }
        }

        private EventType type(EventType pathType) {
            JsonNode node = EventFields.value(event, "type");
            if (node == null) {
                fail("type", "is required: " + TYPES);
                return null;
            }
            EventType type = node.isTextual() ? EventType.forWireName(node.textValue()).orElse(null) : null;
            if (type == null) {
                String sent = node.isTextual() ? "\"" + node.textValue() + "\"" : EventFields.kind(node);
                String shown = sent.length() > 40 ? sent.substring(0, 40) + "..." : sent;
                fail("type", "must be " + TYPES + ", not " + shown);
            } else if (pathType != null && type != pathType) {
                fail("type", "is " + type.wireName() + " but this endpoint takes " + pathType.wireName() + " events");
            }
            return type;
        }

        /** Whether an identifier, when present, is of a usable kind: a string or an integer. */
        private boolean idKind(String field) {
            JsonNode node = EventFields.value(event, field);
            if (node != null && !node.isTextual() && !node.isIntegralNumber()) {
                fail(field, "must be a string or an integer, not " + EventFields.kind(node));
                return false;
            }
            return true;
        }

        private boolean isBlank(String field) {
            JsonNode node = EventFields.value(event, field);
            return node == null || node.isTextual() && node.textValue().isEmpty();
        }

        private void kinds() {
            for (String field : OBJECTS) {
                JsonNode node = EventFields.value(event, field);
                if (node != null && !node.isObject()) {
                    fail(field, "must be an object, not " + EventFields.kind(node));
                }
            }
            for (String field : TIMES) {
                JsonNode node = EventFields.value(event, field);
                if (node != null && (!node.isTextual() || IsoTimestamps.parse(node.textValue()) == null)) {
                    fail(field, "must be an ISO-8601 date-time with a zone offset, like 2024-05-01T12:00:00.000Z");
                }
            }
            for (String field : TEXTS) {
                JsonNode node = EventFields.value(event, field);
                if (node != null && !node.isTextual()) {
                    fail(field, "must be a string, not " + EventFields.kind(node));
                }
            }
        }

        private void fail(String field, String message) {
            errors.add(new EventError(index, messageId, field, message));
        }
    }
}
