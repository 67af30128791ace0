package com.krenalis.ingest.internal.protocol;

/**
 * What is wrong with one event of a request.
 *
 * @param index     the event's position in the request, from 0 (always 0 for a single event)
 * @param messageId the event's messageId as sent (at most 100 characters of it), or null when it has none
 * @param field     the offending field as a dotted path ({@code userId}, {@code properties.plan}), or null when the
 *                  error concerns the event as a whole (its size, its JSON kind)
 * @param message   what is wrong, for the client
 */
public record EventError(int index, String messageId, String field, String message) {
    @Override
    public String toString() {
        return "event " + index + (messageId == null ? "" : " (messageId " + messageId + ")")
                + (field == null ? "" : ", " + field) + ": " + message;
    }
}
