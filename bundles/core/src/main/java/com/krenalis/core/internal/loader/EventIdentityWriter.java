package com.krenalis.core.internal.loader;

import com.fasterxml.jackson.databind.JsonNode;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.pipelines.PipelineServiceImpl;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The identities of a batch of events, written after the batch is in {@code events} by the users pipelines of each
 * event's source ({@link PipelineServiceImpl#writeIdentities}): the userId's identity (with the event's anonymousId),
 * or the anonymousId's for an anonymous event, its properties what the pipeline's transformation makes of the event
 * (without one: traits copied by name). Freshness is the event's timestamp. Before the batch is loaded,
 * {@link #assignKpids} gives its events the KPID their identity has from the last run.
 */
final class EventIdentityWriter {
    /** Events whose identities are written together. */
    static final int CHUNK = 1_000;

    private final PipelineServiceImpl pipelines;

    EventIdentityWriter(PipelineServiceImpl pipelines) {
        this.pipelines = pipelines;
    }

    /**
     * Writes the identities of a batch, {@value #CHUNK} events at a time: each event becomes a map for its pipeline,
     * and a whole batch of them (10,000 by default) held some 100 MB of a 512 MB heap, which young collections copied
     * again and again. Chunk boundaries change nothing: identities are upserted by freshness, as across batches.
     */
    void write(long workspaceId, Warehouse warehouse, List<LogEntry> entries) throws WarehouseException {
        for (int from = 0; from < entries.size(); from += CHUNK) {
            writeChunk(workspaceId, warehouse, entries.subList(from, Math.min(entries.size(), from + CHUNK)));
        }
    }

    private void writeChunk(long workspaceId, Warehouse warehouse, List<LogEntry> entries) throws WarehouseException {
        Map<Long, List<PipelineServiceImpl.EventInput>> byConnection = new LinkedHashMap<>();
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
        }
        for (Map.Entry<Long, List<PipelineServiceImpl.EventInput>> c : byConnection.entrySet()) {
            pipelines.writeIdentities(workspaceId, warehouse, c.getKey(), c.getValue());
        }
    }

    /**
     * Fills in the {@link EventsTable#KPID} of the rows (of {@link EventsTable#row}) whose identity belongs to a
     * profile, so that an event is written once, with its profile, rather than linked by a second write: the identity
     * of the userId, or for an anonymous event the anonymous identity of its anonymousId or else a known identity that
     * absorbed that anonymousId, among those the source's users pipelines write. Identities are looked up by their
     * primary key, once per distinct identity of the batch; the absorbed anonymousIds through {@code _anonymous_ids},
     * which no index covers, so that look-up reads the source's known identities, and only for anonymous events that
     * found no anonymous identity. An identity first written by this very batch has no KPID yet: its events get one
     * at the next run. (A first version updated the events after loading them, locking each one: a second write of
     * every event, and with the identities looked up by connection and id alone, a read of every identity of the
     * source per event.)
     */
    void assignKpids(Warehouse w, List<Object[]> rows) throws WarehouseException {
        Map<Identity, UUID> kpids = new HashMap<>();
        Set<Long> connections = new HashSet<>();
        for (Object[] row : rows) {
            Identity identity = Identity.of(row);
            if (identity != null) {
                kpids.put(identity, null);
                connections.add(identity.connection());
            }
        }
        List<Long> pipelineIds = new ArrayList<>();
        for (long connection : connections) {
            pipelineIds.addAll(pipelines.eventUserPipelineIds(connection));
        }
        if (kpids.isEmpty() || pipelineIds.isEmpty()) {
            return;
        }
        String identities = w.table("identities");
        w.execute(c -> {
            Array pipelineArray = c.createArrayOf("bigint", pipelineIds.toArray());
            List<Identity> keys = List.copyOf(kpids.keySet());
            try (PreparedStatement ps = c.prepareStatement("SELECT k.conn, k.id, k.anon, i._kpid "
                    + "FROM unnest(?::bigint[], ?::text[], ?::boolean[]) AS k (conn, id, anon) JOIN " + identities + " AS i "
                    + "ON i._connection = k.conn AND i._pipeline = ANY (?::bigint[]) AND i._identity_id = k.id "
                    + "AND i._is_anonymous = k.anon WHERE i._kpid IS NOT NULL")) {
                ps.setArray(1, c.createArrayOf("bigint", keys.stream().map(Identity::connection).toArray()));
                ps.setArray(2, c.createArrayOf("text", keys.stream().map(Identity::id).toArray()));
                ps.setArray(3, c.createArrayOf("boolean", keys.stream().map(Identity::anonymous).toArray()));
                ps.setArray(4, pipelineArray);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Identity found = new Identity(rs.getLong(1), rs.getString(2), rs.getBoolean(3));
                        if (kpids.get(found) == null) { // one KPID per identity, whichever pipeline wrote it
                            kpids.put(found, rs.getObject(4, UUID.class));
                        }
                    }
                }
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return null; // no identities table yet: no identity has a KPID
                }
                throw e;
            }
            List<String> orphans = keys.stream().filter(k -> k.anonymous() && kpids.get(k) == null).map(Identity::id)
                    .distinct().toList();
            if (!orphans.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("SELECT i._connection, a.id, i._kpid FROM " + identities
                        + " AS i CROSS JOIN LATERAL unnest(i._anonymous_ids) AS a (id) WHERE i._connection = ANY (?::bigint[]) "
                        + "AND i._pipeline = ANY (?::bigint[]) AND NOT i._is_anonymous AND i._kpid IS NOT NULL "
                        + "AND i._anonymous_ids && ?::text[] AND a.id = ANY (?::text[])")) {
                    ps.setArray(1, c.createArrayOf("bigint", connections.toArray()));
                    ps.setArray(2, pipelineArray);
                    Array ids = c.createArrayOf("text", orphans.toArray());
                    ps.setArray(3, ids);
                    ps.setArray(4, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Identity anonymous = new Identity(rs.getLong(1), rs.getString(2), true);
                            if (kpids.containsKey(anonymous) && kpids.get(anonymous) == null) {
                                kpids.put(anonymous, rs.getObject(3, UUID.class));
                            }
                        }
                    }
                }
            }
            return null;
        });
        for (Object[] row : rows) {
            Identity identity = Identity.of(row);
            if (identity != null) {
                row[EventsTable.KPID] = kpids.get(identity);
            }
        }
    }

    /** The identity an event row belongs to: its userId's, else its anonymousId's; null for neither. */
    private record Identity(long connection, String id, boolean anonymous) {
        static Identity of(Object[] row) {
            long connection = (Long) row[EventsTable.CONNECTION_ID];
            String user = (String) row[EventsTable.USER_ID];
            String anonymousId = (String) row[EventsTable.ANONYMOUS_ID];
            return user != null ? new Identity(connection, user, false)
                    : anonymousId != null ? new Identity(connection, anonymousId, true) : null;
        }
    }
}
