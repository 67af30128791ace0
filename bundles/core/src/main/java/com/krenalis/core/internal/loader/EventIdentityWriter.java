package com.krenalis.core.internal.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.pipelines.PipelineServiceImpl;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The identities of a batch of events, written after the batch is in {@code events} by the users pipelines of each
 * event's source ({@link PipelineServiceImpl#writeIdentities}): the userId's identity (with the event's anonymousId),
 * or the anonymousId's for an anonymous event, its properties what the pipeline's transformation makes of the event
 * (without one: traits copied by name). Freshness is the event's timestamp. Then the batch's events take the KPID
 * their identity has from the last run.
 */
final class EventIdentityWriter {
    private final PipelineServiceImpl pipelines;

    EventIdentityWriter(PipelineServiceImpl pipelines) {
        this.pipelines = pipelines;
    }

    void write(long workspaceId, Warehouse warehouse, List<LogEntry> entries) throws WarehouseException {
        Map<Long, List<PipelineServiceImpl.EventInput>> byConnection = new LinkedHashMap<>();
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
            Map<String, Object> json = EventJson.MAPPER.convertValue(event, EventJson.MAPPER.getTypeFactory()
                    .constructMapType(LinkedHashMap.class, String.class, Object.class));
            byConnection.computeIfAbsent(e.connectionId(), k -> new ArrayList<>())
                    .add(new PipelineServiceImpl.EventInput(e.messageId(), json, userId, anonymousId, at));
            messageIds.add(e.messageId());
        }
        List<Long> pipelineIds = new ArrayList<>();
        for (Map.Entry<Long, List<PipelineServiceImpl.EventInput>> c : byConnection.entrySet()) {
            pipelineIds.addAll(pipelines.writeIdentities(workspaceId, warehouse, c.getKey(), c.getValue()));
        }
        if (!messageIds.isEmpty() && !pipelineIds.isEmpty()) {
            linkKpids(warehouse, messageIds, pipelineIds);
        }
    }

    /**
     * Events of identities that belong to a profile get its KPID now, not only at the next run: the identities the
     * batch's events were just written to, through {@code pipelineIds}. (Identities of the same source written by a
     * pipeline since disabled are left to the next run.) Each event finds its identity by the identities' primary key
     * ({@code _connection, _pipeline, _identity_id, _is_anonymous}), and only the events that get a KPID are locked:
     * a first version locked every event of every batch twice (a heap write and WAL per row) and, looking an identity
     * up by connection and id alone, read every identity of the source per event. An anonymous event whose
     * anonymousId a known identity absorbed is found through {@code _anonymous_ids}, which no index covers: that
     * look-up reads the source's identities, for anonymous events only.
     */
    private static void linkKpids(Warehouse w, List<String> messageIds, List<Long> pipelineIds) throws WarehouseException {
        String events = w.table(EventsTable.NAME);
        String identities = w.table("identities");
        String identity = "i._connection = e.connection_id AND i._pipeline = ANY (?::bigint[]) AND i._kpid IS NOT NULL";
        String known = identity + " AND e.user_id IS NOT NULL AND i._identity_id = e.user_id AND NOT i._is_anonymous";
        String anonymous = identity + " AND e.user_id IS NULL AND i._identity_id = e.anonymous_id AND i._is_anonymous";
        String absorbed = identity + " AND e.user_id IS NULL AND NOT i._is_anonymous AND e.anonymous_id = ANY (i._anonymous_ids)";
        w.execute(c -> {
            java.sql.Array ids = c.createArrayOf("text", messageIds.toArray());
            java.sql.Array pipelines = c.createArrayOf("bigint", pipelineIds.toArray());
            for (String match : List.of(known, anonymous, absorbed)) {
                try (PreparedStatement update = c.prepareStatement(link(events, identities, match))) {
                    update.setArray(1, pipelines);
                    update.setArray(2, ids);
                    update.setArray(3, pipelines);
                    update.executeUpdate();
                }
            }
            return null;
        });
    }

    /**
     * Sets the KPID of the listed events that {@code match} (on {@code e}, the event, and {@code i}, an identity; with
     * one parameter, the pipeline ids) links to an identity with one. Parameters: the pipeline ids, the message ids,
     * the pipeline ids. Rows a running identity resolution has locked are skipped, not waited for: that run sets their
     * KPID.
     */
    private static String link(String events, String identities, String match) {
        return "UPDATE " + events + " AS e SET kpid = i._kpid FROM " + identities + " AS i WHERE " + match
                + " AND e.kpid IS NULL AND e.message_id IN (SELECT e.message_id FROM " + events + " AS e WHERE "
                + "e.message_id = ANY (?) AND e.kpid IS NULL AND EXISTS (SELECT 1 FROM " + identities + " AS i WHERE "
                + match + ") FOR UPDATE OF e SKIP LOCKED)";
    }
}
