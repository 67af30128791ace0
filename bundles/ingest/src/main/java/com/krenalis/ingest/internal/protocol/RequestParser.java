package com.krenalis.ingest.internal.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a collector request into its events, in the shape its endpoint expects. Structural faults are reported here
 * (all of them for a batch); the fields of each event are the {@link EventValidator}'s business.
 * <ul>
 * <li>Batch endpoints: {@code {"batch": [...], "context", "integrations", "writeKey", "sentAt", ...}} (other batch
 * fields, like {@code sequence} or rudder-sdk-node's {@code timestamp}, are ignored), or a bare array of events; on
 * {@link Endpoint#EVENTS} also one event. The batch's context and integrations are merged into each event as
 * {@link BatchDefaults} says.</li>
 * <li>Single-event endpoints: one event object; it takes the path's type when it has none.</li>
 * <li>Pixels: see {@link PixelQuery}.</li>
 * </ul>
 * Thread-safe.
 */
public final class RequestParser {
    private final Limits limits;
    private final ProtocolJson json;
    private final PixelQuery pixels;

    public RequestParser(Limits limits) {
        this.limits = requireNonNull(limits, "limits");
        this.json = new ProtocolJson(limits);
        this.pixels = new PixelQuery(json, limits);
    }

    /** The events of a POST body (already decompressed); not for pixel endpoints. */
    public ParsedRequest parse(Endpoint endpoint, byte[] body) throws ProtocolException {
        requireNonNull(endpoint, "endpoint");
        if (endpoint instanceof Endpoint.Pixel) {
            throw new IllegalArgumentException("a pixel's event is in its query: use parsePixel");
        }
        if (body.length > limits.maxRequestBytes()) {
            throw ProtocolException.tooLarge("the body is " + body.length + " bytes, over the "
                    + limits.maxRequestBytes() + "-byte limit");
        }
        JsonNode root = json.read(body);
        if (endpoint instanceof Endpoint.Single single) {
            return single(root, single.type());
        }
        if (root.isArray()) {
            return events((ArrayNode) root, new BatchDefaults(null, null), new BodyWriteKey(), null);
        }
        if (!root.isObject()) {
            throw ProtocolException.invalid("the body must be a JSON object or array, not " + EventFields.kind(root));
        }
        JsonNode batch = EventFields.value((ObjectNode) root, "batch");
        if (batch == null && ((Endpoint.Batch) endpoint).acceptsSingleEvent()) {
            return single(root, null);
        }
        if (batch == null) {
            throw ProtocolException.invalid("the body must be {\"batch\": [...]} or an array of events");
        }
        return batch((ObjectNode) root, batch);
    }

    /** The event of a pixel's decoded query parameters. */
    public ParsedRequest parsePixel(Endpoint.Pixel endpoint, Map<String, List<String>> query)
            throws ProtocolException {
        return single(pixels.event(query), endpoint.type());
    }

    private ParsedRequest batch(ObjectNode root, JsonNode batch) throws ProtocolException {
        if (!batch.isArray()) {
            throw ProtocolException.invalid("batch must be an array, not " + EventFields.kind(batch));
        }
        BatchDefaults defaults = new BatchDefaults(batchObject(root, "context"), batchObject(root, "integrations"));
        JsonNode sentAt = EventFields.value(root, "sentAt");
        if (sentAt != null && (!sentAt.isTextual() || IsoTimestamps.parse(sentAt.textValue()) == null)) {
            throw ProtocolException.invalid("sentAt must be an ISO-8601 date-time with a zone offset");
        }
        BodyWriteKey writeKey = new BodyWriteKey();
        writeKey.takeFromBatch(root);
        return events((ArrayNode) batch, defaults, writeKey, sentAt == null ? null : sentAt.textValue());
    }

    private static ObjectNode batchObject(ObjectNode root, String field) throws ProtocolException {
        JsonNode node = EventFields.value(root, field);
        if (node != null && !node.isObject()) {
            throw ProtocolException.invalid(field + " must be an object, not " + EventFields.kind(node));
        }
        return (ObjectNode) node;
    }

    private static ParsedRequest events(ArrayNode batch, BatchDefaults defaults, BodyWriteKey writeKey,
            String sentAt) throws ProtocolException {
        if (batch.isEmpty()) {
            throw ProtocolException.invalid("the batch holds no events");
        }
        List<ObjectNode> events = new ArrayList<>(batch.size());
        List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            JsonNode node = batch.get(i);
            if (!node.isObject()) {
                String kind = EventFields.kind(node);
                errors.add(new EventError(i, null, null, "an event must be a JSON object, not " + kind));
                continue;
            }
            ObjectNode event = (ObjectNode) node;
            String keyError = writeKey.takeFrom(event);
            if (keyError != null) {
                errors.add(new EventError(i, EventFields.messageIdForError(event), "writeKey", keyError));
            }
            defaults.applyTo(event);
            events.add(event);
        }
        if (!errors.isEmpty()) {
            throw ProtocolException.invalid(errors);
        }
        return new ParsedRequest(writeKey.value(), sentAt, events);
    }

    /** One event; {@code pathType} (may be null) fills in a missing type, a different one is the validator's call. */
    private static ParsedRequest single(JsonNode root, EventType pathType) throws ProtocolException {
        if (!root.isObject()) {
            throw ProtocolException.invalid("the body must be one event, a JSON object, not " + EventFields.kind(root));
        }
        ObjectNode event = (ObjectNode) root;
        if (pathType != null && EventFields.value(event, "type") == null) {
            event.put("type", pathType.wireName());
        }
        BodyWriteKey writeKey = new BodyWriteKey();
        String keyError = writeKey.takeFrom(event);
        if (keyError != null) {
            throw ProtocolException.invalid(List.of(
                    new EventError(0, EventFields.messageIdForError(event), "writeKey", keyError)));
        }
        return new ParsedRequest(writeKey.value(), null, List.of(event));
    }
}
