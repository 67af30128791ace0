package com.krenalis.core.internal.pipelines;

import com.krenalis.api.pipelines.MetricsBucket;
import com.krenalis.api.pipelines.Pipeline;
import com.krenalis.api.pipelines.PipelineError;
import com.krenalis.api.pipelines.PipelineRun;
import com.krenalis.api.pipelines.Step;
import com.krenalis.api.pipelines.StepCounts;
import com.krenalis.api.pipelines.Transformation;
import com.krenalis.core.internal.store.Columns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The metadata rows of pipelines: definitions, runs, errors and metrics. */
final class PipelineRepository {
    /** Errors kept per pipeline; older ones are deleted as new ones arrive. */
    static final int ERRORS_KEPT = 10_000;
    private static final String PIPELINE_COLUMNS = "id, workspace_id, connection_id, name, target, enabled, schedule_minutes, "
            + "filter::text, transformation::text, incremental, version, disabled_reason, created_at, updated_at, source::text";
    private static final String RUN_COLUMNS = "id, pipeline_id, workspace_id, pipeline_version, state, trigger, incremental, "
            + "started_at, ended_at, received, validated, passed_filter, transformed, output_validated, written, failed, total, error, removed";
    private static final String COUNT_COLUMNS = "received, validated, passed_filter, transformed, output_validated, written, failed";

    private PipelineRepository() {
    }

    // --- definitions

    static long insert(Connection c, long workspaceId, long connectionId, Definition d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipelines (workspace_id, connection_id, name, target, enabled, "
                + "schedule_minutes, filter, transformation, incremental, source) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb) "
                + "RETURNING id")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, connectionId);
            ps.setString(3, d.name());
            ps.setString(4, d.target().key());
            ps.setBoolean(5, d.enabled());
            setInteger(ps, 6, d.scheduleMinutes());
            ps.setString(7, d.filter() == null ? null : Columns.json(d.filter()));
            ps.setString(8, Columns.json(transformationJson(d.transformation())));
            ps.setBoolean(9, d.incremental());
            ps.setString(10, Columns.json(d.source()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Replaces the definition and clears a disabled reason; the version goes up and the cursor is kept. */
    static boolean replace(Connection c, long workspaceId, long id, Definition d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipelines SET name = ?, enabled = ?, schedule_minutes = ?, "
                + "filter = ?::jsonb, transformation = ?::jsonb, incremental = ?, source = ?::jsonb, version = version + 1, "
                + "disabled_reason = NULL, updated_at = now() WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, d.name());
            ps.setBoolean(2, d.enabled());
            setInteger(ps, 3, d.scheduleMinutes());
            ps.setString(4, d.filter() == null ? null : Columns.json(d.filter()));
            ps.setString(5, Columns.json(transformationJson(d.transformation())));
            ps.setBoolean(6, d.incremental());
            ps.setString(7, Columns.json(d.source()));
            ps.setLong(8, workspaceId);
            ps.setLong(9, id);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean setEnabled(Connection c, long workspaceId, long id, boolean enabled, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipelines SET enabled = ?, disabled_reason = ?, updated_at = now() "
                + "WHERE workspace_id = ? AND id = ?")) {
            ps.setBoolean(1, enabled);
            ps.setString(2, reason);
            ps.setLong(3, workspaceId);
            ps.setLong(4, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Disables a pipeline the server found broken, unless its definition changed since (another version). */
    static boolean disableBroken(Connection c, long id, int version, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipelines SET enabled = false, disabled_reason = ?, updated_at = now() "
                + "WHERE id = ? AND version = ? AND enabled")) {
            ps.setString(1, reason);
            ps.setLong(2, id);
            ps.setInt(3, version);
            return ps.executeUpdate() == 1;
        }
    }

    static boolean delete(Connection c, long workspaceId, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM pipelines WHERE workspace_id = ? AND id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, id);
            return ps.executeUpdate() == 1;
        }
    }

    static Optional<Pipeline> find(Connection c, long workspaceId, long id) throws SQLException {
        return pipelines(c, "SELECT " + PIPELINE_COLUMNS + " FROM pipelines WHERE workspace_id = ? AND id = ?", workspaceId, id)
                .stream().findFirst();
    }

    static Optional<Pipeline> find(Connection c, long id) throws SQLException {
        return pipelines(c, "SELECT " + PIPELINE_COLUMNS + " FROM pipelines WHERE id = ?", id).stream().findFirst();
    }

    static List<Pipeline> list(Connection c, long workspaceId, Long connectionId) throws SQLException {
        return connectionId == null
                ? pipelines(c, "SELECT " + PIPELINE_COLUMNS + " FROM pipelines WHERE workspace_id = ? ORDER BY id", workspaceId)
                : pipelines(c, "SELECT " + PIPELINE_COLUMNS + " FROM pipelines WHERE workspace_id = ? AND connection_id = ? ORDER BY id",
                        workspaceId, connectionId);
    }

    /** The enabled pipelines of one connection with one target. */
    static List<Pipeline> enabled(Connection c, long connectionId, Pipeline.Target target) throws SQLException {
        return pipelines(c, "SELECT " + PIPELINE_COLUMNS + " FROM pipelines WHERE connection_id = ? AND target = '"
                + target.key() + "' AND enabled ORDER BY id", connectionId);
    }

    /** Enabled pipelines with a schedule whose last run started a period ago or more (or that never ran). */
    static List<Pipeline> due(Connection c) throws SQLException {
        return pipelines(c, "SELECT p.id, p.workspace_id, p.connection_id, p.name, p.target, p.enabled, p.schedule_minutes, "
                + "p.filter::text, p.transformation::text, p.incremental, p.version, p.disabled_reason, p.created_at, p.updated_at, "
                + "p.source::text FROM pipelines p WHERE p.enabled AND p.schedule_minutes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pipeline_runs r "
                + "WHERE r.pipeline_id = p.id AND (r.state = 'running' OR r.started_at > now() - make_interval(mins => p.schedule_minutes))) "
                + "ORDER BY p.id");
    }

    static String cursor(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT cursor FROM pipelines WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void saveCursor(Connection c, long id, String cursor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipelines SET cursor = ? WHERE id = ?")) {
            ps.setString(1, cursor);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    private static List<Pipeline> pipelines(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Pipeline> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String filter = rs.getString(8);
                    out.add(new Pipeline(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            Pipeline.Target.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getBoolean(6),
                            (Integer) rs.getObject(7), filter == null ? null : Columns.map(filter),
                            transformation(Columns.map(rs.getString(9))), rs.getBoolean(10), Columns.map(rs.getString(15)),
                            rs.getInt(11), rs.getString(12),
                            Columns.instant(rs.getTimestamp(13)), Columns.instant(rs.getTimestamp(14))));
                }
            }
            return out;
        }
    }

    static Map<String, Object> transformationJson(Transformation t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", t.kind().key());
        switch (t.kind()) {
            case MAPPING -> m.put("mapping", t.mapping());
            case FUNCTION -> {
                m.put("language", t.language());
                m.put("source", t.source());
            }
            case NONE -> { }
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    static Transformation transformation(Map<String, Object> m) {
        return switch (String.valueOf(m.get("kind"))) {
            case "mapping" -> Transformation.mapping((Map<String, String>) m.get("mapping"));
            case "function" -> Transformation.function((String) m.get("language"), (String) m.get("source"));
            default -> Transformation.NONE;
        };
    }

    // --- runs

    /** Inserts a running run; fails with a unique violation (23505) while another runs. */
    static long startRun(Connection c, Pipeline p, PipelineRun.Trigger trigger, boolean incremental) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipeline_runs (pipeline_id, workspace_id, pipeline_version, "
                + "state, trigger, incremental) VALUES (?, ?, ?, 'running', ?, ?) RETURNING id")) {
            ps.setLong(1, p.id());
            ps.setLong(2, p.workspaceId());
            ps.setInt(3, p.version());
            ps.setString(4, trigger.key());
            ps.setBoolean(5, incremental);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Saves the progress of a running run; returns whether a cancel was requested. */
    static boolean progress(Connection c, long runId, StepCounts n, long total) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipeline_runs SET received = ?, validated = ?, passed_filter = ?, "
                + "transformed = ?, output_validated = ?, written = ?, failed = ?, total = ? WHERE id = ? RETURNING cancel_requested")) {
            setCounts(ps, 1, n);
            ps.setLong(8, total);
            ps.setLong(9, runId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    static void endRun(Connection c, long runId, PipelineRun.State state, String error, long removed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipeline_runs SET state = ?, ended_at = now(), error = ?, "
                + "removed = ? WHERE id = ? AND state = 'running'")) {
            ps.setString(1, state.key());
            ps.setString(2, error);
            ps.setLong(3, removed);
            ps.setLong(4, runId);
            ps.executeUpdate();
        }
    }

    static boolean hasRunning(Connection c, long pipelineId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pipeline_runs WHERE pipeline_id = ? AND state = 'running'")) {
            ps.setLong(1, pipelineId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static boolean requestCancel(Connection c, long workspaceId, long runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipeline_runs SET cancel_requested = true "
                + "WHERE workspace_id = ? AND id = ? AND state = 'running'")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, runId);
            return ps.executeUpdate() == 1;
        }
    }

    /** Runs a previous process left running: marked failed (their pipelines' next runs start clean). */
    static List<Long> failAbandoned(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("UPDATE pipeline_runs SET state = 'failed', ended_at = now(), "
                + "error = 'the server stopped during the run' WHERE state = 'running' RETURNING id")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    static Optional<PipelineRun> run(Connection c, long workspaceId, long runId) throws SQLException {
        return runs(c, "SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE workspace_id = ? AND id = ?", workspaceId, runId)
                .stream().findFirst();
    }

    static List<PipelineRun> runs(Connection c, long workspaceId, Long pipelineId, int limit) throws SQLException {
        return pipelineId == null
                ? runs(c, "SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE workspace_id = ? ORDER BY id DESC LIMIT ?",
                        workspaceId, limit)
                : runs(c, "SELECT " + RUN_COLUMNS + " FROM pipeline_runs WHERE workspace_id = ? AND pipeline_id = ? "
                        + "ORDER BY id DESC LIMIT ?", workspaceId, pipelineId, limit);
    }

    private static List<PipelineRun> runs(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<PipelineRun> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PipelineRun(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4),
                            PipelineRun.State.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                            PipelineRun.Trigger.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getBoolean(7),
                            Columns.instant(rs.getTimestamp(8)), Columns.instant(rs.getTimestamp(9)), counts(rs, 10),
                            rs.getLong(17), rs.getLong(19), rs.getString(18)));
                }
            }
            return out;
        }
    }

    // --- errors and metrics

    /** Keeps the errors and adds the counts to the current minute's metrics; old errors beyond the limit are deleted. */
    static void record(Connection c, long pipelineId, Long runId, StepCounts counts, List<Failure> failures, Instant now)
            throws SQLException {
        if (!failures.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipeline_errors (pipeline_id, run_id, at, record_key, step, message) "
                    + "VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Failure f : failures) {
                    ps.setLong(1, pipelineId);
                    if (runId == null) {
                        ps.setNull(2, Types.BIGINT);
                    } else {
                        ps.setLong(2, runId);
                    }
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, f.recordKey());
                    ps.setString(5, f.step().key());
                    ps.setString(6, f.message());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM pipeline_errors WHERE pipeline_id = ? AND id <= "
                    + "(SELECT id FROM pipeline_errors WHERE pipeline_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
                ps.setLong(1, pipelineId);
                ps.setLong(2, pipelineId);
                ps.setInt(3, ERRORS_KEPT);
                ps.executeUpdate();
            }
        }
        if (counts.received() > 0) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO pipeline_metrics (pipeline_id, minute, " + COUNT_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pipeline_id, minute) DO UPDATE SET "
                    + "received = pipeline_metrics.received + EXCLUDED.received, validated = pipeline_metrics.validated + EXCLUDED.validated, "
                    + "passed_filter = pipeline_metrics.passed_filter + EXCLUDED.passed_filter, "
                    + "transformed = pipeline_metrics.transformed + EXCLUDED.transformed, "
                    + "output_validated = pipeline_metrics.output_validated + EXCLUDED.output_validated, "
                    + "written = pipeline_metrics.written + EXCLUDED.written, failed = pipeline_metrics.failed + EXCLUDED.failed")) {
                ps.setLong(1, pipelineId);
                ps.setTimestamp(2, Timestamp.from(now.truncatedTo(ChronoUnit.MINUTES)));
                setCounts(ps, 3, counts);
                ps.executeUpdate();
            }
        }
    }

    static List<PipelineError> errors(Connection c, long pipelineId, Long runId, Long beforeId, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, pipeline_id, run_id, at, record_key, step, message FROM pipeline_errors "
                + "WHERE pipeline_id = ?");
        List<Object> args = new ArrayList<>(List.of(pipelineId));
        if (runId != null) {
            sql.append(" AND run_id = ?");
            args.add(runId);
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            args.add(beforeId);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        args.add(limit);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<PipelineError> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long run = rs.getLong(3);
                    out.add(new PipelineError(rs.getLong(1), rs.getLong(2), rs.wasNull() ? null : run,
                            Columns.instant(rs.getTimestamp(4)), rs.getString(5),
                            Step.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getString(7)));
                }
            }
            return out;
        }
    }

    static List<MetricsBucket> metrics(Connection c, long pipelineId, MetricsBucket.Granularity g, Instant from, Instant to)
            throws SQLException {
        String sums = "sum(received), sum(validated), sum(passed_filter), sum(transformed), sum(output_validated), sum(written), sum(failed)";
        try (PreparedStatement ps = c.prepareStatement("SELECT date_trunc('" + g.key() + "', minute, 'UTC') AS b, " + sums
                + " FROM pipeline_metrics WHERE pipeline_id = ? AND minute >= ? AND minute < ? GROUP BY b ORDER BY b")) {
            ps.setLong(1, pipelineId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            List<MetricsBucket> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricsBucket(rs.getTimestamp(1).toInstant(), counts(rs, 2)));
                }
            }
            return out;
        }
    }

    private static StepCounts counts(ResultSet rs, int first) throws SQLException {
        return new StepCounts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
                rs.getLong(first + 4), rs.getLong(first + 5), rs.getLong(first + 6));
    }

    private static void setCounts(PreparedStatement ps, int first, StepCounts n) throws SQLException {
        ps.setLong(first, n.received());
        ps.setLong(first + 1, n.validated());
        ps.setLong(first + 2, n.passedFilter());
        ps.setLong(first + 3, n.transformed());
        ps.setLong(first + 4, n.outputValidated());
        ps.setLong(first + 5, n.written());
        ps.setLong(first + 6, n.failed());
    }

    private static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** A validated definition, as stored. */
    record Definition(String name, Pipeline.Target target, boolean enabled, Integer scheduleMinutes, Map<String, Object> filter,
                      Transformation transformation, boolean incremental, Map<String, Object> source) {
    }

    /** A record that failed a step. */
    record Failure(String recordKey, Step step, String message) {
    }
}
