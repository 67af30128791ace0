package com.krenalis.ingest.internal.protocol;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The collector's protocol from request to storable events: parse, normalise text to NFC, validate, enrich. A request
 * is taken whole or refused whole: any bad event makes it throw with the errors of every bad event (normalisation and
 * validation errors together; structural errors found while parsing stop before validation). Thread-safe.
 */
public final class CollectorProtocol {
    private final RequestParser parser;
    private final EventValidator validator;
    private final EventEnricher enricher;

    public CollectorProtocol(Limits limits) {
        this(limits, new EventEnricher());
    }

    CollectorProtocol(Limits limits, EventEnricher enricher) {
        this.parser = new RequestParser(limits);
        this.validator = new EventValidator(limits);
        this.enricher = requireNonNull(enricher, "enricher");
    }

    /** The events of a POST body, already decompressed; not for pixel endpoints. */
    public Collected collect(Endpoint endpoint, byte[] body, RequestInfo request) throws ProtocolException {
        return finish(parser.parse(endpoint, body), endpoint, request);
    }

    /** The event of a pixel GET, from its decoded query parameters. */
    public Collected collectPixel(Endpoint.Pixel endpoint, Map<String, List<String>> query, RequestInfo request)
            throws ProtocolException {
        return finish(parser.parsePixel(endpoint, query), endpoint, request);
    }

    private Collected finish(ParsedRequest parsed, Endpoint endpoint, RequestInfo request) throws ProtocolException {
        requireNonNull(request, "request");
        List<ObjectNode> events = parsed.events();
        List<EventError> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            for (String path : TextNormalizer.normalize(events.get(i))) {
                errors.add(new EventError(i, EventFields.messageIdForError(events.get(i)), path,
                        "is given twice once keys are normalised to Unicode NFC"));
            }
        }
        errors.addAll(validator.validate(events, endpoint));
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparingInt(EventError::index)); // stable: each event's errors stay in order
            throw ProtocolException.invalid(errors);
        }
        List<CollectedEvent> collected = new ArrayList<>(events.size());
        for (ObjectNode event : events) {
            enricher.enrich(event, parsed.batchSentAt(), request);
            collected.add(CollectedEvent.of(event));
        }
        return new Collected(parsed.bodyWriteKey(), collected);
    }
}
