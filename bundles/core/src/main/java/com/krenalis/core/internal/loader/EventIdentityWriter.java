package com.krenalis.core.internal.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.krenalis.api.profiles.IdentityRecord;
import com.krenalis.api.profiles.IdentityStore;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.identity.IdentityStoreImpl;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identities of a batch of events, written after the batch is in {@code events}: the userId's identity (with the
 * event's anonymousId), or the anonymousId's for an anonymous event; traits ({@code traits} of identify,
 * {@code context.traits} otherwise; a group's traits describe the group) copied onto the user schema by property name — names the schema lacks are left out.
 * Freshness is the event's timestamp. Then the batch's events take the KPID their identity has from the last run.
 *
 * <p>Until pipelines exist, these identities are written under pipeline 0 of the event's connection.
 */
final class EventIdentityWriter {
    static final long EVENT_PIPELINE = 0;
    private static final Logger LOG = LoggerFactory.getLogger(EventIdentityWriter.class);

    private final IdentityStoreImpl store;

    EventIdentityWriter(IdentityStoreImpl store) {
        this.store = store;
    }

    void write(long workspaceId, Warehouse warehouse, List<LogEntry> entries) throws WarehouseException {
        Map<Long, List<IdentityRecord>> byConnection = new LinkedHashMap<>();
        Map<Long, List<String>> sources = new LinkedHashMap<>(); // the messageId of each record, by connection
        List<String> messageIds = new ArrayList<>();
        for (LogEntry e : entries) {
            JsonNode event = EventJson.parse(e.json());
            if (event == null) {
                continue;
            }
            String userId = EventJson.text(event, "userId");
            String anonymousId = EventJson.text(event, "anonymousId");
            if (userId == null && anonymousId == null) {
                continue;
            }
            Instant at = EventJson.time(event, "timestamp");
            if (at == null) {
                at = e.receivedAt();
            }
            String type = EventJson.text(event, "type");
            JsonNode traits = "identify".equals(type) ? event.get("traits")
                    : EventJson.at(event, "context", "traits");
            Map<String, Object> properties = new LinkedHashMap<>();
            if (traits != null && traits.isObject()) {
                Map<String, Object> all = EventJson.MAPPER.convertValue(traits, EventJson.MAPPER.getTypeFactory()
                        .constructMapType(Map.class, String.class, Object.class));
                all.forEach((k, v) -> {
                    if (!k.startsWith("_")) {
                        properties.put(k, v);
                    }
                });
            }
            IdentityRecord record = userId != null
                    ? new IdentityRecord(userId, false, anonymousId == null ? Set.of() : Set.of(anonymousId), at, properties)
                    : new IdentityRecord(anonymousId, true, Set.of(), at, properties);
            byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(record);
            sources.computeIfAbsent(e.connectionId(), k -> new ArrayList<>()).add(e.messageId());
            messageIds.add(e.messageId());
        }
        for (Map.Entry<Long, List<IdentityRecord>> c : byConnection.entrySet()) {
            List<IdentityStore.RecordError> errors = store.writeKnownProperties(workspaceId, warehouse, c.getKey(),
                    EVENT_PIPELINE, c.getValue());
            if (!errors.isEmpty()) {
                IdentityStore.RecordError first = errors.get(0);
                LOG.warn("Workspace {}, connection {}: {} trait value(s) of this batch did not fit the user schema and were "
                                + "left out of the identities (the events are stored unchanged); first: event {}, {}",
                        workspaceId, c.getKey(), errors.size(), sources.get(c.getKey()).get(first.index()), first.message());
            }
        }
        if (!messageIds.isEmpty()) {
            linkKpids(warehouse, messageIds);
        }
    }

    /** Events of identities that belong to a profile get its KPID now, not only at the next run. */
    private static void linkKpids(Warehouse w, List<String> messageIds) throws WarehouseException {
        String events = w.table(EventsTable.NAME);
        String identities = w.table("identities");
        // Rows a running identity resolution has locked are skipped, not waited for: that run sets their KPID.
        String unlocked = "SELECT message_id FROM " + events + " WHERE message_id = ANY (?) FOR UPDATE SKIP LOCKED";
        w.execute(c -> {
            try (PreparedStatement known = c.prepareStatement("UPDATE " + events + " e SET kpid = i._kpid FROM " + identities
                    + " i WHERE e.message_id IN (" + unlocked + ") AND e.kpid IS NULL AND e.user_id IS NOT NULL AND i._connection = e.connection_id "
                    + "AND NOT i._is_anonymous AND i._identity_id = e.user_id AND i._kpid IS NOT NULL");
                 PreparedStatement anonymous = c.prepareStatement("UPDATE " + events + " e SET kpid = i._kpid FROM " + identities
                    + " i WHERE e.message_id IN (" + unlocked + ") AND e.kpid IS NULL AND e.user_id IS NULL AND i._connection = e.connection_id "
                    + "AND i._kpid IS NOT NULL AND ((i._is_anonymous AND i._identity_id = e.anonymous_id) "
                    + "OR (NOT i._is_anonymous AND e.anonymous_id = ANY (i._anonymous_ids)))")) {
                java.sql.Array ids = c.createArrayOf("text", messageIds.toArray());
                known.setArray(1, ids);
                known.executeUpdate();
                anonymous.setArray(1, ids);
                anonymous.executeUpdate();
            }
            return null;
        });
    }
}
