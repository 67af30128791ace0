package com.krenalis.core.internal.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.krenalis.api.types.Type;
import com.krenalis.api.warehouse.ColumnDefinition;
import com.krenalis.api.warehouse.TableDefinition;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The workspace's {@code events} table: its columns, their Krenalis types (the driver picks the warehouse's types),
 * and where each value comes from. docs/warehouse.md describes the same table for people; change both together.
 */
final class EventsTable {
    static final String NAME = "events";
    static final String KEY = "message_id";

    /** A logged event with its JSON parsed (null when unreadable: only the log's own columns are filled then). */
    private record Source(LogEntry entry, JsonNode event) {
    }

    /** A column and how to fill it; {@code value} null for a column the loader leaves NULL. */
    private record Column(String name, Type type, boolean nullable, Function<Source, Object> value) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column(KEY, Type.string(), false, s -> s.entry().messageId()),
            new Column("connection_id", Type.int64(), false, s -> s.entry().connectionId()),
            text("type", "type"),
            text("event", "event"),
            text("name", "name"),
            text("category", "category"),
            text("anonymous_id", "anonymousId"),
            text("user_id", "userId"),
            text("group_id", "groupId"),
            text("previous_id", "previousId"),
            time("timestamp", "timestamp"),
            time("original_timestamp", "originalTimestamp"),
            time("sent_at", "sentAt"),
            new Column("received_at", Type.datetime(), false, EventsTable::receivedAt),
            json("properties", "properties"),
            json("traits", "traits"),
            json("context", "context"),
            text("context_ip", "context", "ip"),
            text("context_library_name", "context", "library", "name"),
            text("context_library_version", "context", "library", "version"),
            text("context_page_path", "context", "page", "path"),
            text("context_page_referrer", "context", "page", "referrer"),
            text("context_page_search", "context", "page", "search"),
            text("context_page_title", "context", "page", "title"),
            text("context_page_url", "context", "page", "url"),
            text("context_user_agent", "context", "userAgent"),
            text("context_locale", "context", "locale"),
            text("context_os_name", "context", "os", "name"),
            text("context_os_version", "context", "os", "version"),
            text("context_device_id", "context", "device", "id"),
            text("context_device_manufacturer", "context", "device", "manufacturer"),
            text("context_device_model", "context", "device", "model"),
            text("context_device_name", "context", "device", "name"),
            text("context_device_type", "context", "device", "type"),
            text("context_campaign_name", "context", "campaign", "name"),
            text("context_campaign_source", "context", "campaign", "source"),
            text("context_campaign_medium", "context", "campaign", "medium"),
            text("context_campaign_term", "context", "campaign", "term"),
            text("context_campaign_content", "context", "campaign", "content"),
            // The profile the event belongs to: the KPID its identity has when the event is loaded (the loader fills it
            // in, see EventIdentityWriter#assignKpids), else set by the next identity resolution.
            new Column("kpid", Type.uuid(), true, s -> null));

    static final TableDefinition DEFINITION = new TableDefinition(NAME,
            COLUMNS.stream().map(c -> new ColumnDefinition(c.name(), c.type(), c.nullable())).toList(), List.of(KEY));

    private static final List<Column> LOADED = COLUMNS.stream().filter(c -> c.value() != null).toList();

    /** The columns {@link #row} fills, in its order. */
    static final List<String> LOADED_COLUMNS = LOADED.stream().map(Column::name).toList();

    /** Where these are in a {@link #row}. */
    static final int CONNECTION_ID = LOADED_COLUMNS.indexOf("connection_id");
    static final int USER_ID = LOADED_COLUMNS.indexOf("user_id");
    static final int ANONYMOUS_ID = LOADED_COLUMNS.indexOf("anonymous_id");
    static final int KPID = LOADED_COLUMNS.indexOf("kpid");

    private EventsTable() {
    }

    /** The values of {@link #LOADED_COLUMNS} for one event. */
    static Object[] row(LogEntry entry) {
        Source source = new Source(entry, EventJson.parse(entry.json()));
        Object[] row = new Object[LOADED.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = LOADED.get(i).value().apply(source);
        }
        return row;
    }

    private static Instant receivedAt(Source source) {
        Instant fromEvent = source.event() == null ? null : EventJson.time(source.event(), "receivedAt");
        return fromEvent != null ? fromEvent : source.entry().receivedAt();
    }

    private static Column text(String name, String... path) {
        return new Column(name, Type.string(), true, e -> field(e, event -> EventJson.text(event, path)));
    }

    private static Column json(String name, String field) {
        return new Column(name, Type.json(), true, e -> field(e, event -> EventJson.json(event, field)));
    }

    private static Column time(String name, String field) {
        return new Column(name, Type.datetime(), true, e -> field(e, event -> EventJson.time(event, field)));
    }

    private static Object field(Source source, Function<JsonNode, Object> read) {
        return source.event() == null ? null : read.apply(source.event());
    }
}
