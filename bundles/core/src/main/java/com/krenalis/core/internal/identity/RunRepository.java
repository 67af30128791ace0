package com.krenalis.core.internal.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.krenalis.api.profiles.IdentityResolutionSettings;
import com.krenalis.api.profiles.ResolutionRun;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The metadata rows of identity resolution: settings and runs. */
final class RunRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, workspace_id, state, started_at, ended_at, phases, identities, profiles, "
            + "merges, splits, rounds, guard_hits, error";

    private RunRepository() {
    }

    static IdentityResolutionSettings settings(Connection c, long workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT settings FROM identity_resolution_settings WHERE workspace_id = ?")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return IdentityResolutionSettings.defaults();
                }
                Map<String, Object> s = JSON.readValue(rs.getString(1), new TypeReference<Map<String, Object>>() { });
                @SuppressWarnings("unchecked")
                Map<String, List<String>> blocklist = (Map<String, List<String>>) s.getOrDefault("blocklist", Map.of());
                @SuppressWarnings("unchecked")
                Map<String, Number> primary = (Map<String, Number>) s.getOrDefault("primaryConnections", Map.of());
                Map<String, Long> primaryConnections = new java.util.LinkedHashMap<>();
                primary.forEach((k, v) -> primaryConnections.put(k, v.longValue()));
                @SuppressWarnings("unchecked")
                List<String> identifiers = (List<String>) s.getOrDefault("identifiers", List.of());
                return new IdentityResolutionSettings(identifiers, Boolean.TRUE.equals(s.get("runAfterImport")), blocklist,
                        ((Number) s.getOrDefault("maxIdentitiesPerProfile", 0)).intValue(), primaryConnections);
            } catch (JsonProcessingException e) {
                throw new SQLException("unreadable identity resolution settings of workspace " + workspaceId, e);
            }
        }
    }

    static void saveSettings(Connection c, long workspaceId, IdentityResolutionSettings s) throws SQLException {
        String json;
        try {
            json = JSON.writeValueAsString(Map.of("identifiers", s.identifiers(), "runAfterImport", s.runAfterImport(),
                    "blocklist", s.blocklist(), "maxIdentitiesPerProfile", s.maxIdentitiesPerProfile(),
                    "primaryConnections", s.primaryConnections()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO identity_resolution_settings (workspace_id, settings) "
                + "VALUES (?, ?::jsonb) ON CONFLICT (workspace_id) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()")) {
            ps.setLong(1, workspaceId);
            ps.setString(2, json);
            ps.executeUpdate();
        }
    }

    /** Inserts a running run; fails with a unique violation (23505) while another runs. */
    static long start(Connection c, long workspaceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO identity_resolution_runs (workspace_id, state) VALUES (?, 'running') RETURNING id")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static void phases(Connection c, long runId, List<ResolutionRun.Phase> phases) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE identity_resolution_runs SET phases = ?::jsonb WHERE id = ?")) {
            ps.setString(1, json(phases.stream().map(p -> Map.of("name", p.name(), "millis", p.millis())).toList()));
            ps.setLong(2, runId);
            ps.executeUpdate();
        }
    }

    static void succeeded(Connection c, long runId, ResolutionOutcome o) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE identity_resolution_runs SET state = 'succeeded', ended_at = now(), "
                + "identities = ?, profiles = ?, merges = ?, splits = ?, rounds = ?, guard_hits = ?::jsonb WHERE id = ?")) {
            ps.setLong(1, o.identities());
            ps.setLong(2, o.profiles());
            ps.setLong(3, o.merges());
            ps.setLong(4, o.splits());
            ps.setInt(5, o.rounds());
            ps.setString(6, json(o.guardHits().stream().map(h -> Map.of("identities", h.identities(), "topValues", h.topValues())).toList()));
            ps.setLong(7, runId);
            ps.executeUpdate();
        }
    }

    static void ended(Connection c, long runId, ResolutionRun.State state, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE identity_resolution_runs SET state = ?, ended_at = coalesce(ended_at, now()), error = coalesce(?, error) WHERE id = ?")) {
            ps.setString(1, name(state));
            ps.setString(2, error);
            ps.setLong(3, runId);
            ps.executeUpdate();
        }
    }

    static Optional<ResolutionRun> run(Connection c, long workspaceId, long runId) throws SQLException {
        List<ResolutionRun> runs = query(c, "SELECT " + COLUMNS + " FROM identity_resolution_runs WHERE workspace_id = ? AND id = ?",
                workspaceId, runId);
        return runs.stream().findFirst();
    }

    static List<ResolutionRun> runs(Connection c, long workspaceId, int limit) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM identity_resolution_runs WHERE workspace_id = ? ORDER BY id DESC LIMIT ?",
                workspaceId, limit);
    }

    static List<ResolutionRun> running(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM identity_resolution_runs WHERE state = 'running'")) {
            return read(ps);
        }
    }

    private static List<ResolutionRun> query(Connection c, String sql, long a, long b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, a);
            ps.setLong(2, b);
            return read(ps);
        }
    }

    private static List<ResolutionRun> read(PreparedStatement ps) throws SQLException {
        List<ResolutionRun> runs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<ResolutionRun.Phase> phases = new ArrayList<>();
                for (Map<String, Object> p : list(rs.getString("phases"))) {
                    phases.add(new ResolutionRun.Phase((String) p.get("name"), ((Number) p.get("millis")).longValue()));
                }
                List<ResolutionRun.GuardHit> hits = new ArrayList<>();
                for (Map<String, Object> h : list(rs.getString("guard_hits"))) {
                    @SuppressWarnings("unchecked")
                    List<String> top = (List<String>) h.get("topValues");
                    hits.add(new ResolutionRun.GuardHit(((Number) h.get("identities")).longValue(), top));
                }
                Timestamp ended = rs.getTimestamp("ended_at");
                runs.add(new ResolutionRun(rs.getLong("id"), rs.getLong("workspace_id"),
                        ResolutionRun.State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                        rs.getTimestamp("started_at").toInstant(), ended == null ? null : ended.toInstant(), phases,
                        rs.getLong("identities"), rs.getLong("profiles"), rs.getLong("merges"), rs.getLong("splits"),
                        rs.getInt("rounds"), hits, rs.getString("error")));
            }
        }
        return runs;
    }

    static String name(ResolutionRun.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static List<Map<String, Object>> list(String json) throws SQLException {
        try {
            return JSON.readValue(json, new TypeReference<List<Map<String, Object>>>() { });
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable run column", e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
