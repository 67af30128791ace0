package com.krenalis.core.internal.identity;

import static java.util.Objects.requireNonNull;

import com.krenalis.api.platform.NotFoundException;
import com.krenalis.api.profiles.IdentityRecord;
import com.krenalis.api.profiles.IdentityStore;
import com.krenalis.api.types.ObjectType;
import com.krenalis.api.warehouse.Warehouse;
import com.krenalis.api.warehouse.WarehouseException;
import com.krenalis.core.internal.schema.IdentitiesTable;
import com.krenalis.core.internal.schema.UserSchemas;
import com.krenalis.core.internal.schema.ValueException;
import com.krenalis.core.internal.schema.Values;
import com.krenalis.core.internal.workspaces.WorkspaceServiceImpl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.TreeSet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Writes identities into the workspace's {@code identities} table (PostgreSQL SQL, like {@link PostgresResolution}).
 *
 * <p>Upsert per key: a record at least as fresh as the stored identity sets the properties it carries (and only
 * those: an identify with an email does not erase the name); an older record only fills properties that have no value.
 * {@code _anonymous_ids} is the union of all seen. Rule 4: a known identity absorbs the anonymous identities of its
 * connection whose anonymousId it carries (they are deleted; their events follow the known identity), and an anonymous
 * record whose anonymousId a known identity of the connection already carries creates nothing. Records of one identity
 * in one write are combined before they are written (newest values win), so a batch of events costs one row write per
 * identity, not per event.
 */
@Component(service = {IdentityStore.class, IdentityStoreImpl.class})
public final class IdentityStoreImpl implements IdentityStore {
    private final WorkspaceServiceImpl workspaces;
    private final UserSchemas schemas;

    @Activate
    public IdentityStoreImpl(@Reference WorkspaceServiceImpl workspaces, @Reference UserSchemas schemas) {
        this.workspaces = requireNonNull(workspaces);
        this.schemas = requireNonNull(schemas);
    }

    @Override
    public List<RecordError> write(long workspaceId, long connectionId, long pipelineId, List<IdentityRecord> records) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        try {
            return write(workspaceId, w, connectionId, pipelineId, records);
        } catch (WarehouseException e) {
            throw new com.krenalis.api.platform.UnavailableException("the warehouse failed: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a batch of a batch run, whose values output validation converted already ({@code Values.properties}
     * against the current user schema: they are written as they are). While {@code fresh} holds (a full run of a pipeline that had no identities when it
     * started), the identities are plain inserts, which cost the warehouse less than upserts; the first identity that
     * exists already (a source that repeats one) turns {@code fresh} off and the batch is written again as upserts, as
     * are the run's next batches.
     */
    public List<RecordError> writeBatch(long workspaceId, long connectionId, long pipelineId, List<IdentityRecord> records,
                                        java.util.concurrent.atomic.AtomicBoolean fresh) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        try {
            if (fresh.get()) {
                try {
                    return write(workspaceId, w, connectionId, pipelineId, records, true, true);
                } catch (WarehouseException e) {
                    if (!uniqueViolation(e)) {
                        throw e;
                    }
                    fresh.set(false);
                }
            }
            return write(workspaceId, w, connectionId, pipelineId, records, false, true);
        } catch (WarehouseException e) {
            throw new com.krenalis.api.platform.UnavailableException("the warehouse failed: " + e.getMessage(), e);
        }
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the pipeline has identities (false when the workspace has no identities table yet). */
    public boolean hasIdentities(long workspaceId, long connectionId, long pipelineId) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        return inWarehouse(workspaceId, c -> {
            if (!exists(c, w.namespace(), IdentitiesTable.NAME)) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM " + w.table(IdentitiesTable.NAME)
                    + " WHERE _connection = ? AND _pipeline = ?)")) {
                ps.setLong(1, connectionId);
                ps.setLong(2, pipelineId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            }
        }, x -> "looking for the pipeline's identities");
    }

    // --- identities a full run saw, to remove those the source no longer has

    /** The warehouse table of the identities the running full run of a pipeline has seen (one run per pipeline). */
    private static String seenTable(Warehouse w, long pipelineId) {
        return w.table("_run_seen_" + pipelineId);
    }

    private <T> T inWarehouse(long workspaceId, com.krenalis.api.warehouse.UnitOfWork<T> work, Function<Warehouse, String> what) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        try {
            return w.execute(work);
        } catch (WarehouseException e) {
            throw new com.krenalis.api.platform.UnavailableException("the warehouse failed " + what.apply(w) + ": " + e.getMessage(), e);
        }
    }

    /** Starts a full run's list of seen identities (an unlogged table in the workspace's warehouse), empty. */
    public void beginSeen(long workspaceId, long pipelineId) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        inWarehouse(workspaceId, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + seenTable(w, pipelineId));
                st.execute("CREATE UNLOGGED TABLE " + seenTable(w, pipelineId) + " (identity_id text NOT NULL)");
            }
            return null;
        }, x -> "starting a run");
    }

    /** Adds identities a full run read to its list. */
    public void markSeen(long workspaceId, long pipelineId, List<String> identityIds) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        inWarehouse(workspaceId, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + seenTable(w, pipelineId) + " SELECT unnest(?::text[])")) {
                ps.setArray(1, c.createArrayOf("text", identityIds.toArray()));
                ps.executeUpdate();
            }
            return null;
        }, x -> "listing the identities read");
    }

    /**
     * Deletes the pipeline's known identities a successful full run did not see: the source no longer has them.
     * Anonymous identities (events) are never a batch source's. Returns how many were removed.
     */
    public long pruneUnseen(long workspaceId, long connectionId, long pipelineId) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        return inWarehouse(workspaceId, c -> {
            if (!exists(c, w.namespace(), IdentitiesTable.NAME)) {
                return 0L;
            }
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE " + seenTable(w, pipelineId));
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + w.table(IdentitiesTable.NAME) + " t WHERE t._connection = ? "
                    + "AND t._pipeline = ? AND NOT t._is_anonymous AND NOT EXISTS (SELECT 1 FROM " + seenTable(w, pipelineId)
                    + " s WHERE s.identity_id = t._identity_id)")) {
                ps.setLong(1, connectionId);
                ps.setLong(2, pipelineId);
                return (long) ps.executeUpdate();
            }
        }, x -> "removing the identities the source no longer has");
    }

    /** Drops a run's list of seen identities. */
    public void dropSeen(long workspaceId, long pipelineId) {
        Warehouse w = workspaces.warehouse(workspaceId).orElseThrow(() -> new NotFoundException("no workspace " + workspaceId));
        inWarehouse(workspaceId, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS " + seenTable(w, pipelineId));
            }
            return null;
        }, x -> "cleaning up after a run");
    }

    private static boolean exists(Connection c, String namespace, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = ? AND t.relname = ?")) {
            ps.setString(1, namespace);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Like {@link #write(long, Warehouse, long, long, List)}, leaving out values of names the schema lacks (event traits). */
    public List<RecordError> writeKnownProperties(long workspaceId, Warehouse w, long connectionId, long pipelineId,
                                                  List<IdentityRecord> records) throws WarehouseException {
        ObjectType schema = schemas.schema(workspaceId);
        List<IdentityRecord> known = new ArrayList<>(records.size());
        for (IdentityRecord r : records) {
            Map<String, Object> values = new LinkedHashMap<>();
            r.properties().forEach((k, v) -> {
                if (schema.property(k).isPresent()) {
                    values.put(k, v);
                }
            });
            known.add(new IdentityRecord(r.identityId(), r.anonymous(), r.anonymousIds(), r.updatedAt(), values));
        }
        return write(workspaceId, w, connectionId, pipelineId, known);
    }

    /** Writes in one warehouse transaction; returns the records' errors (rejected properties, rejected records). */
    public List<RecordError> write(long workspaceId, Warehouse w, long connectionId, long pipelineId,
                                   List<IdentityRecord> records) throws WarehouseException {
        return write(workspaceId, w, connectionId, pipelineId, records, false, false);
    }

    /**
     * @param insertOnly plain inserts: a unique violation fails the transaction if an identity exists already
     * @param converted  whether the records' values are converted for the warehouse already
     */
    private List<RecordError> write(long workspaceId, Warehouse w, long connectionId, long pipelineId,
                                    List<IdentityRecord> records, boolean insertOnly, boolean converted)
            throws WarehouseException {
        if (records.isEmpty()) {
            return List.of();
        }
        schemas.ensureIdentitiesTable(workspaceId, w);
        ObjectType schema = schemas.schema(workspaceId);
        List<RecordError> errors = new ArrayList<>();
        // Records of one identity are combined first (newest values win, anonymousIds united), then grouped by the
        // set of properties they carry: one statement shape per group, one row per identity.
        Map<String, Object[]> byKey = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparing(i -> records.get(i).updatedAt(),
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        for (int index : order) {
            IdentityRecord r = records.get(index);
            if (r.identityId() == null || r.identityId().isBlank()) {
                errors.add(new RecordError(index, r.identityId(), null, "the identity has no id"));
                continue;
            }
            if (r.updatedAt() == null) {
                errors.add(new RecordError(index, r.identityId(), null, "the identity has no updated-at time"));
                continue;
            }
            Map<String, Object> values = converted ? r.properties() : Values.properties(schema, r.properties(),
                    (ValueException e) -> errors.add(new RecordError(index, r.identityId(), e.property(), e.getMessage())));
            String key = (r.anonymous() ? "a:" : "k:") + r.identityId();
            Object[] merged = byKey.get(key);
            if (merged == null) {
                byKey.put(key, new Object[]{r, new LinkedHashMap<>(values)});
            } else {
                IdentityRecord before = (IdentityRecord) merged[0];
                java.util.Set<String> ids = new java.util.HashSet<>(before.anonymousIds());
                ids.addAll(r.anonymousIds());
                merged[0] = new IdentityRecord(r.identityId(), r.anonymous(), ids, r.updatedAt(), Map.of());
                @SuppressWarnings("unchecked")
                Map<String, Object> all = (Map<String, Object>) merged[1];
                all.putAll(values);
            }
        }
        errors.sort(java.util.Comparator.comparingInt(RecordError::index));
        Map<List<String>, List<Object[]>> groups = new LinkedHashMap<>();
        for (Object[] m : byKey.values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) m[1];
            List<String> names = new ArrayList<>(new TreeSet<>(values.keySet()));
            Object[] row = new Object[names.size() + 1];
            row[0] = m[0];
            for (int k = 0; k < names.size(); k++) {
                row[k + 1] = values.get(names.get(k));
            }
            groups.computeIfAbsent(names, n -> new ArrayList<>()).add(row);
        }
        String table = w.table(IdentitiesTable.NAME);
        if (insertOnly && byKey.values().stream().map(m -> (IdentityRecord) m[0])
                .allMatch(r -> !r.anonymous() && r.anonymousIds().isEmpty())) {
            load(w, connectionId, pipelineId, groups); // a first load: nothing to upsert, nothing to absorb
            return errors;
        }
        w.execute(c -> {
            Map<String, String> types = columnTypes(c, w.namespace());
            for (Map.Entry<List<String>, List<Object[]>> g : groups.entrySet()) {
                upsert(c, w, table, types, connectionId, pipelineId, g.getKey(), g.getValue(), insertOnly);
            }
            absorb(c, table, connectionId, records);
            return null;
        });
        return errors;
    }

    /**
     * Inserts or updates a group of identities carrying the same properties in one statement: every column travels as
     * a text array unnested server-side and cast to its column's type, so a batch costs one round trip and one
     * statement execution whatever its size (a statement per row would cost a round trip and a plan execution each).
     */
    private static void upsert(Connection c, Warehouse w, String table, Map<String, String> types, long connection,
                               long pipeline, List<String> names, List<Object[]> rows, boolean insertOnly) throws SQLException {
        StringBuilder cols = new StringBuilder("_connection, _pipeline, _identity_id, _is_anonymous, _anonymous_ids, _updated_at");
        StringBuilder select = new StringBuilder("SELECT ?::bigint, ?::bigint, s.id, s.anon, s.aids::text[], s.upd::timestamptz");
        StringBuilder unnest = new StringBuilder("unnest(?::text[], ?::boolean[], ?::text[], ?::text[]");
        StringBuilder alias = new StringBuilder("s(id, anon, aids, upd");
        StringBuilder set = new StringBuilder("_anonymous_ids = ARRAY(SELECT DISTINCT x FROM unnest(coalesce(t._anonymous_ids, "
                + "'{}') || coalesce(EXCLUDED._anonymous_ids, '{}')) AS x ORDER BY x), "
                + "_updated_at = greatest(t._updated_at, EXCLUDED._updated_at)");
        // Exactly when the SET changes something: a row the source gave again unchanged (a daily full import) is left
        // as it is, instead of a new row version and index entries per identity.
        StringBuilder changes = new StringBuilder("EXCLUDED._updated_at > t._updated_at OR NOT (coalesce(EXCLUDED._anonymous_ids, "
                + "'{}') <@ coalesce(t._anonymous_ids, '{}'))");
        for (int k = 0; k < names.size(); k++) {
            String q = w.quote(names.get(k));
            cols.append(", ").append(q);
            select.append(", CAST(s.v").append(k).append(" AS ").append(types.getOrDefault(names.get(k), "text")).append(")");
            unnest.append(", ?::text[]");
            alias.append(", v").append(k);
            set.append(", ").append(q).append(" = CASE WHEN EXCLUDED._updated_at >= t._updated_at OR t.").append(q)
                    .append(" IS NULL THEN EXCLUDED.").append(q).append(" ELSE t.").append(q).append(" END");
            changes.append(" OR ((EXCLUDED._updated_at >= t._updated_at OR t.").append(q).append(" IS NULL) AND EXCLUDED.")
                    .append(q).append(" IS DISTINCT FROM t.").append(q).append(")");
        }
        boolean anyAnonymous = rows.stream().anyMatch(r -> ((IdentityRecord) r[0]).anonymous());
        // An anonymous identity whose anonymousId a known identity of the connection carries is absorbed already.
        String absorbed = anyAnonymous ? " WHERE NOT (s.anon AND EXISTS (SELECT 1 FROM " + table + " k WHERE k._connection = "
                + "?::bigint AND NOT k._is_anonymous AND s.id = ANY (k._anonymous_ids)))" : "";
        String sql = "INSERT INTO " + table + " AS t (" + cols + ") " + select + " FROM " + unnest + ") AS " + alias + ")"
                + absorbed + (insertOnly ? "" : " ON CONFLICT (_connection, _pipeline, _identity_id, _is_anonymous) "
                + "DO UPDATE SET " + set + " WHERE " + changes);
        int n = rows.size();
        String[] ids = new String[n];
        Boolean[] anonymous = new Boolean[n];
        String[] anonymousIds = new String[n];
        String[] updated = new String[n];
        String[][] values = new String[names.size()][n];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            IdentityRecord r = (IdentityRecord) row[0];
            ids[i] = r.identityId();
            anonymous[i] = r.anonymous();
            anonymousIds[i] = arrayLiteral(r.anonymousIds().stream().sorted().toList());
            updated[i] = r.updatedAt().toString();
            for (int k = 1; k < row.length; k++) {
                values[k - 1][i] = text(row[k]);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setLong(p++, connection);
            ps.setLong(p++, pipeline);
            ps.setArray(p++, c.createArrayOf("text", ids));
            ps.setArray(p++, c.createArrayOf("boolean", anonymous));
            ps.setArray(p++, c.createArrayOf("text", anonymousIds));
            ps.setArray(p++, c.createArrayOf("text", updated));
            for (String[] column : values) {
                ps.setArray(p++, c.createArrayOf("text", column));
            }
            if (anyAnonymous) {
                ps.setLong(p, connection);
            }
            ps.executeUpdate();
        }
    }

    /**
     * Inserts identities none of which exists yet (a pipeline's first load) with the warehouse's bulk load (a
     * {@code COPY} on PostgreSQL): the cheapest way in, without the arrays, {@code unnest} and casts of
     * {@link #upsert}. Columns are the union of the groups' properties; a property a record does not carry is NULL, as
     * a plain insert leaves it. An identity that exists already fails the load with a unique violation, and the whole
     * batch is written again as upserts.
     */
    private static void load(Warehouse w, long connection, long pipeline, Map<List<String>, List<Object[]>> groups)
            throws WarehouseException {
        TreeSet<String> all = new TreeSet<>();
        groups.keySet().forEach(all::addAll);
        List<String> columns = new ArrayList<>(List.of(IdentitiesTable.CONNECTION, IdentitiesTable.PIPELINE,
                IdentitiesTable.IDENTITY_ID, IdentitiesTable.IS_ANONYMOUS, IdentitiesTable.ANONYMOUS_IDS, IdentitiesTable.UPDATED_AT));
        Map<String, Integer> position = new HashMap<>();
        for (String name : all) {
            position.put(name, columns.size());
            columns.add(name);
        }
        Long c = connection;
        Long p = pipeline;
        java.util.Iterator<Object[]> rows = groups.entrySet().stream().flatMap(g -> {
            int[] at = g.getKey().stream().mapToInt(position::get).toArray();
            return g.getValue().stream().map(row -> {
                IdentityRecord r = (IdentityRecord) row[0];
                Object[] out = new Object[columns.size()];
                out[0] = c;
                out[1] = p;
                out[2] = r.identityId();
                out[3] = Boolean.FALSE;
                out[4] = "{}"; // loaded only when no record carries anonymous ids (nothing to absorb)
                out[5] = r.updatedAt();
                for (int k = 0; k < at.length; k++) {
                    out[at[k]] = text(row[k + 1]);
                }
                return out;
            });
        }).iterator();
        w.load(IdentitiesTable.NAME, columns, rows);
    }

    /** A converted value ({@link Values#toWarehouse}) as the text its column's type reads back. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return arrayLiteral(list);
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant().toString();
        }
        return value.toString(); // Instant, LocalDate, LocalTime, UUID: ISO-8601 / canonical; numbers; booleans; text
    }

    /** A PostgreSQL array literal: every element double-quoted with backslash and quote escaped; null as NULL. */
    static String arrayLiteral(List<?> elements) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < elements.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object e = elements.get(i);
            String t = e == null ? null : text(e);
            if (t == null) {
                sb.append("NULL");
                continue;
            }
            sb.append('"');
            for (int k = 0; k < t.length(); k++) {
                char ch = t.charAt(k);
                if (ch == '"' || ch == '\\') {
                    sb.append('\\');
                }
                sb.append(ch);
            }
            sb.append('"');
        }
        return sb.append('}').toString();
    }

    /** Rule 4: deletes the connection's anonymous identities whose anonymousId a known record carries. */
    private static void absorb(Connection c, String table, long connection, List<IdentityRecord> records) throws SQLException {
        List<String> absorbed = new ArrayList<>();
        for (IdentityRecord r : records) {
            if (!r.anonymous()) {
                absorbed.addAll(r.anonymousIds());
            }
        }
        if (absorbed.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE _connection = ? AND _is_anonymous "
                + "AND _identity_id = ANY (?)")) {
            ps.setLong(1, connection);
            ps.setArray(2, c.createArrayOf("text", absorbed.toArray()));
            ps.executeUpdate();
        }
    }

    /** Column name → SQL type as PostgreSQL spells it (for casts). */
    private static Map<String, String> columnTypes(Connection c, String namespace) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
                + "JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                + "WHERE n.nspname = ? AND t.relname = 'identities' AND a.attnum > 0 AND NOT a.attisdropped")) {
            ps.setString(1, namespace);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }
}
